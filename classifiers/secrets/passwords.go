package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// Passwords: the password component of database URLs and literal password /
// secret assignments in config, code and prose.

// dbSchemes are the URL schemes of databases and brokers (with optional
// SQLAlchemy-style "+driver").
const dbSchemes = `(?i:(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|oracle|neo4j(?:\+s)?|bolt|couchbase|cassandra|snowflake|timescaledb|memcached|nats|mqtts?)(?:\+[a-z0-9]+)?)`

var dbKeywords = []string{
	"postgres://", "postgresql://", "postgres+", "postgresql+", "mysql://", "mysql+", "mariadb://", "mariadb+",
	"mongodb://", "mongodb+srv://", "redis://", "rediss://", "amqp://", "amqps://", "mssql://", "mssql+",
	"sqlserver://", "cockroachdb://", "clickhouse://", "oracle://", "oracle+", "neo4j://", "neo4j+s://",
	"bolt://", "couchbase://", "cassandra://", "snowflake://", "timescaledb://", "memcached://", "nats://",
	"mqtt://", "mqtts://",
}

var dbPlaceholders = []string{
	"password", "pass", "passwd", "pwd", "secret", "changeme", "change_me", "changeit", "postgres",
	"mysecretpassword", "yourpassword", "your_password", "your-password", "mypassword", "dbpassword",
	"db_password", "redacted", "hidden", "masked", "placeholder", "pa55word", "p4ssw0rd",
}

func databaseURLSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "database_url_password", Type: "DATABASE_URL_WITH_PASSWORD", Category: detector.Secret,
			Keywords: dbKeywords,
			Before:   8, After: 224,
			// The password may hold an unencoded '@': the host is after the last one.
			// It may hold a '?' ("Marmot391?"): only the last '@' ends it.
			Pattern:       dbSchemes + `://[^:/?#@\s"'<>\x60]*:([^\s/"'<>\x60]+)@[A-Za-z0-9\[\]_.-]+(?:[:/?,;()\s"'<>\x60]|$)`,
			Group:         1,
			Validator:     dbPassword,
			ValidatorName: "literal_password",
			Confidence:    0.95,
			Placeholders:  dbPlaceholders,
			Examples: []string{
				"DATABASE_URL=postgres://root:SFDwnynPsrpMfqZZWs@cache-a.internal:5432/ledger",
				"connect failed: dsn=postgres://billing_rw:85UazYztFJ5KJsXondd16DMj@mysql-replica-2:5432/app err=timeout",
				"MONGO_URI=mongodb+srv://admin:ZzfMH1cgrXxa4xF9vOq70DeRSC6@cluster0.abcde.mongodb.net/app",
				`dsn := "mysql://svc_reports:t8oWTaSv.ERR9e7tJ9gzqe@tcp(db:3306)/billing"`,
				"REDIS_URL=redis://:Xb8OyG10gqxGdk049@cache:6379/0",
				"SQLALCHEMY_DATABASE_URI = 'postgresql+psycopg2://app:j2edPZA7oFHQCYXYp1dkP8@db:5432/app'",
				"amqps://guest:Hq3Zp9Lk2Wm7Rt@rabbit-1.corp.local:5671/vhost",
				"DATABASE_URL=postgres://app:p@ss#w0rd!9@db.internal:5432/app",
				"DATABASE_URL=mssql://admin:Marmot391?@cache-01.kestrel.local:1433/b",
			},
			Negatives: []string{
				"DATABASE_URL=postgres://app@db:5432/app",
				"# DATABASE_URL=postgresql://ledger:${DB_PASSWORD}@db:5432/gateway",
				"# DATABASE_URL=postgres://user:%(password)s@inventory.internal/app",
				"REDIS_URL=redis://cache:6379/0",
				"DATABASE_URL=postgres://user:password@localhost/app",
				"DATABASE_URL=postgres://user:<password>@localhost/app",
				"DATABASE_URL=postgres://user:$DB_PASS@localhost/app",
				"https://user:Hq3Zp9Lk2Wm7Rt@example.org/", // not a database scheme
			},
		},
		{
			// Credentials in the userinfo of other URLs: git credential
			// stores and remotes, FTP/SMTP/LDAP URLs, proxies
			// ("https://budi:hunter2-pdhap@bitbucket.org"). The password is a
			// PASSWORD_ASSIGNMENT; database URLs have their own type.
			ID: "password_url_userinfo", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"https://", "http://", "ftp://", "ftps://", "sftp://", "smtp://", "smtps://", "imap://",
				"imaps://", "pop3://", "ldap://", "ldaps://", "ssh://", "git+https://", "git+ssh://", "svn://", "socks5://", "webdav://"},
			Before: 10, After: 200,
			Pattern: `(?i:https?|ftps?|sftp|smtps?|imaps?|pop3|ldaps?|ssh|git\+https|git\+ssh|svn|socks5h?|webdavs?)` +
				`://[^:/?#@\s"'<>\x60]+:([^\s/"'<>\x60@]+)@[A-Za-z0-9\[\]_.-]+(?:[:/?#,;()\s"'<>\x60]|$)`,
			Group:         1,
			Validator:     dbPassword,
			ValidatorName: "literal_password",
			Confidence:    0.95,
			Placeholders:  dbPlaceholders,
			Examples: []string{
				"https://budi:hunter2-pdhap@bitbucket.org\n",
				"https://fatima:p%40ss2ovMpyh9@bitbucket.org",
				"git remote add origin https://deploy:ghs9Xk2pLm7Qw@git.internal.example/app.git",
				"HTTPS_PROXY=http://svc-proxy:Tr0ub4dor3x@proxy.corp:3128",
				"ftp://backup:Q7w!e9Rt2z@files.example.net/dumps/",
			},
			Negatives: []string{
				"https://user:password@example.org/",     // placeholder
				"https://user:${TOKEN}@github.com/x.git", // template
				"https://github.com/org/repo@v1.2.3",     // no userinfo
				"http://host:8080/path@x",                // a port, no userinfo
				"ftp://anonymous:@ftp.example.org/",      // empty
			},
		},
		{
			// Oracle thin URLs: jdbc:oracle:thin:user/password@host:port/service.
			ID: "database_url_oracle_thin", Type: "DATABASE_URL_WITH_PASSWORD", Category: detector.Secret,
			Keywords: []string{"jdbc:oracle:thin:"},
			Before:   8, After: 224,
			Pattern:       `(?i:jdbc:oracle:thin:)[A-Za-z0-9_$#.-]+/([^@\s/"'<>\x60]+)@`,
			Group:         1,
			Validator:     dbPassword,
			ValidatorName: "literal_password",
			Confidence:    0.95,
			Placeholders:  dbPlaceholders,
			Examples: []string{
				"jdbc:oracle:thin:scott/Tg8!rQ2xLm@//db01.corp.local:1521/ORCLPDB1",
				`url = "jdbc:oracle:thin:app_rw/Xb8OyG10gqxGdk049@db01:1521:ORCL"`,
				"spring.datasource.url=jdbc:oracle:thin:etl/EuJRnAVwSmdnZy@(DESCRIPTION=(ADDRESS=(HOST=db)))",
			},
			Negatives: []string{
				"jdbc:oracle:thin:@//db01.corp.local:1521/ORCLPDB1",
				"jdbc:oracle:thin:scott/${ORACLE_PASSWORD}@db01:1521/ORCL",
				"jdbc:oracle:thin:scott/password@db01:1521/ORCL",
			},
		},
		{
			// password=... in the query or property list of a JDBC or database URL.
			ID: "database_url_query_password", Type: "DATABASE_URL_WITH_PASSWORD", Category: detector.Secret,
			// Triggered by the query/property separator in front of the key; the
			// window reaches back to the URL's scheme.
			Keywords: []string{"?password=", "&password=", ";password=", "?pwd=", "&pwd=", ";pwd=", "?pass=", "&pass=", ";pass="},
			Before:   320, After: 144,
			Pattern:       `(?:(?i:jdbc:[a-z0-9:]+)|` + dbSchemes + `:)//?[^\s"'<>\x60]*?[?&;](?i:password|pwd|pass)=([^&;\s"'<>\x60]+)`,
			Group:         1,
			Validator:     dbPassword,
			ValidatorName: "literal_password",
			Confidence:    0.95,
			Placeholders:  dbPlaceholders,
			Examples: []string{
				`static final String JDBC = "jdbc:mysql://db-prod-01:3306/billing?user=root&password=Hq3Zp9Lk2Wm7Rt";`,
				"jdbc:sqlserver://sql01.corp.local:1433;databaseName=ledger;user=sa;password=Xb8OyG10gqxGdk049;encrypt=true",
				"jdbc:postgresql://pg-primary:5432/app?user=etl_user&password=4JNlxqZOh9qnFU7kACNRSu6lDM&ssl=true",
				"postgres://pg-primary:5432/app?sslmode=require&user=app&password=EuJRnAVwSmdnZy",
			},
			Negatives: []string{
				"jdbc:mysql://db-prod-01:3306/billing?user=root",
				"jdbc:mysql://db-prod-01:3306/billing?user=root&password=${DB_PASSWORD}",
				"jdbc:postgresql://pg-primary:5432/app?user=app&password=",
				"jdbc:mysql://db:3306/app?user=root&password=changeme",
			},
		},
	}
}

// Password assignment labels. passLabel is an identifier ending in a
// password/secret word (DB_PASSWORD, adminPassword, client_secret,
// SECRET_KEY, api_key) or a short "pass"/"pwd" component, then the end of
// the identifier. Labels that continue (password_min_length, secretName)
// do not match.
//
// The boundary before the label is (?m:^) or a consumed byte; line ends
// after a value are matched with (?m:$) so the next line's label keeps its
// boundary when matches are found one after another.
const passLabel = `(?:(?m:^)|[^A-Za-z0-9_.&?-]|\\[nrt])` +
	`(?i:[A-Za-z0-9_.-]*(?:password|passwd|passwort|kennwort|passphrase|passcode|secret(?:[_-]?key)?|api[_-]?key|apikey|signing[_-]?key|encryption[_-]?key|master[_-]?key)` +
	`|(?:[A-Za-z0-9_.-]*[_.-])?` + passPrefix + `?(?:pass|pwd|pw)|requirepass|masterauth)`

// passPrefix are the words glued to a short "pass"/"pwd" label without a
// separator ($dbpass, rootpwd, adminPass); others ("bypass", "compass")
// are not labels.
const passPrefix = `(?:db|admin|root|user|my|new|old|smtp|mail|ftp|ldap|sql|app|ssh|wifi|vpn|sudo|login|master|api|sys|web)`

// passSep is the assignment operator between a (possibly quoted) label and
// its value: =, :, :=, =>, ==, +=, or a typed declaration
// (const DB_PASSWORD: &str =, val pw: String =).
const passSep = `\\?["']?\]?[ \t]*(?::(?:` + typeAnnColon + `)?|[ \t]+(?:string|\[\]byte)[ \t]*=|:=|=>|==|\+=|=)[ \t]*`

// passSetter is the name of a call that sets a password
// (user.setPassword("..."), builder.password("..."), PASSWORD('...'),
// with_db_password("...")): an optional object path, an optional set/with
// verb and an optional passPrefix before the password word. Getters
// (keyring.get_password("svc", "user"), readSecret("db")) do not match:
// their arguments name the secret, they do not hold it.
const passSetter = `(?:(?m:^)|[^A-Za-z0-9_.&?-])(?:[A-Za-z0-9_]*\.)*` +
	`(?i:(?:set|with|put|update|change|use)_?)?(?i:` + passPrefix + `_?)?` +
	`(?i:password|passwd|passphrase|passcode|secret(?:_?key)?|api_?key|pass|pwd)[ \t]*\([ \t]*`

// passQuotedValue is a quoted literal value (group 1); the quotes may be
// escaped inside another string.
const passQuotedValue = `\\?["'\x60]([^"'\x60\\\s,;+)(\[{<][^"'\x60\\\n]*)\\?["'\x60]`

var passContext = []string{
	"password", "passwd", "pwd", "pass", "pw", "passphrase", "passcode", "secret", "secret_key", "api_key", "apikey",
	"signing_key", "encryption_key", "master_key", "credentials", "credential", "auth",
	"passwort", "kennwort", "contraseña", "contrasena", "clave", "mot de passe", "senha", "wachtwoord",
	"hasło", "haslo", "passord", "lösenord", "salasana", "пароль", "密码", "パスワード", "비밀번호",
}

var passKeywords = []string{
	"password", "passwd", "passwort", "kennwort", "passphrase", "passcode", "secret", "api_key", "api-key",
	"apikey", "signing_key", "encryption_key", "master_key", "signingkey", "encryptionkey", "masterkey",
	// Short labels only where an assignment follows, so "passport" or
	// "compass" do not wake the patterns up.
	"pass=", "pass:", "pass\"", "pass'", "pass =", "pass :", "pass\t", "pass]", "pass(",
	"pwd=", "pwd:", "pwd\"", "pwd'", "pwd =", "pwd :", "pwd\t", "pwd]",
	"pw=", "pw:", "pw\"", "pw'", "pw =", "pw :",
	"requirepass", "masterauth", // Redis
}

// kvLabel is a password label written as a string value (the "key" or
// "name" of a key/value pair): an identifier or parameter path ending in a
// password word (admin_password, DB_PASSWORD, /prod/db/password).
const kvLabel = `(?i:[A-Za-z0-9_./:-]*(?:password|passwd|passwort|passphrase|passcode|secret(?:[_-]?key)?|api[_-]?key|apikey|signing[_-]?key|encryption[_-]?key|master[_-]?key)` +
	`|(?:[A-Za-z0-9_./:-]*[_./:-])?` + passPrefix + `?(?:pass|pwd|pw))`

// kvFields are up to four scalar JSON fields between a pair's name and its
// value ("Type": "SecureString", "enabled": true).
const kvFields = `(?:"[A-Za-z_]+"\s*:\s*(?:"[^"\n]*"|[A-Za-z0-9_.-]+)\s*,\s*){0,4}`

// kvKeywords are password words at the end of a quoted or YAML label.
var kvKeywords = []string{
	"password\"", "passwd\"", "passphrase\"", "passcode\"", "secret\"", "secret_key\"", "secretkey\"",
	"api_key\"", "api-key\"", "apikey\"", "signing_key\"", "encryption_key\"", "master_key\"",
	"pass\"", "pwd\"", "pw\"",
	"password\n", "password\r", "password'", "passwd\n", "passphrase\n", "secret\n", "secret_key\n",
	"api_key\n", "apikey\n", "pass\n", "pwd\n",
}

var passPlaceholders = []string{
	"changeme", "change_me", "change-me", "changeit", "password", "passwd", "secret", "pass", "redacted",
	"placeholder", "your_password", "yourpassword", "your-password", "your_secret", "yoursecret",
	"your_api_key", "your-api-key", "yourapikey", "mysecretpassword", "mypassword", "secretpassword",
	"notasecret", "dummy", "foobar", "example", "sample", "none", "null", "todo", "tbd", "xxx", "xxxx",
	"replace_me", "replaceme", "insert_here", "<password>", "********",
}

// passwordSpecs: PASSWORD_ASSIGNMENT is "context required" in TAXONOMY.
// Every pattern here requires the label itself (DB_PASSWORD=, "password":,
// "my password is"), so a bare value can never match; the label-anchored
// config/code specs are Need=ContextHelps so camelCase labels (adminPassword,
// dbPass), where no context word stands at a word boundary, still report
// (0.55 alone, 0.85 with a context word). The prose spec keeps
// ContextRequired.
func passwordSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "password_assignment_quoted", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: passKeywords,
			Before:   40, After: 224,
			Pattern:       passLabel + passSep + passQuotedValue,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`  password: "^QWya%d-p=7nOgEC!JjbwGt"`,
				`private static final String DB_PASSWORD = "$Ub1haj+jY+FMJ2";`,
				`password = "Orange286!"`,
				`{"username": "svc", "password": "cMTPyseWGEkrqC3QQL00je41svH"}`,
				`ADMIN_PASSWORD="Mustang1350#"`,
				`$config['db_pass'] = 'Tiger6766&';`,
				`JWT_SECRET="C^TTDl+_gt_i"`,
				`client_secret: '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'`,
				`const DB_PASSWORD: &str = "Rt7#kPq2Lw9";`,
				`static ADMIN_PASSWORD: &'static str = "Rt7#kPq2Lw9";`,
				`val dbPassword: String = "Rt7#kPq2Lw9"`,
				`const password: string = "Rt7#kPq2Lw9";`,
				`var password string = "Rt7#kPq2Lw9"`,
				`DB_PASSWORD: Final[str] = "Rt7#kPq2Lw9"`,
			},
			Negatives: []string{
				`  password: "${ADMIN_PASSWORD}"`,
				`let password: Option<&str> = Some(&cfg.password);`,
				`const DB_PASSWORD: &str = env!("DB_PASSWORD");`,
				`{"key": "admin_password", "value": "{{admin_password}}", "type": "secret", "enabled": true}`,
				`{"id": "pw", "type": "secret", "label": "Password"}`,
				`password = os.environ["DB_PASSWORD"]`,
				`password: "{{ vault_db_password }}"`,
				`password: "<password>"`,
				`password: ""`,
				`password: "changeme"`,
				`"password_hint": "your first pet"`,
				`label = "Password"`,
			},
		},
		{
			ID: "password_assignment_unquoted", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: passKeywords,
			Before:   40, After: 224,
			Pattern: passLabel + `\]?[ \t]*(?::=|=>|[:=])[ \t]*([^\s"'\x60;,&(\[{<\\](?:[^\s"'\x60;\\]|\\[^nrt"\\])*[^\s"'\x60;,.)\]}\\])` +
				// The value ends the line or is followed by a comment, a delimiter,
				// a JSON-escaped line break or quote ("...\nSMTP_PASS=x\nTZ=...")
				// or another key=value / --flag; never by more prose words.
				`(?:[ \t]*(?:(?m:$)|\r|#|//)|[;,&)}\]"'\x60]|\\[nrt"]|\.(?:\s|$)|[ \t]+(?:[A-Za-z0-9_.-]+[ \t]*[:=]|--?[A-Za-z]|\|\||&&|\\))`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"DB_PASSWORD=Mustang9092&\nTZ=UTC",
				"      POSTGRES_PASSWORD: 4JNlxqZOh9qnFU7kACNRSu6lDM\n    ports:",
				"JWT_SECRET=$8zhR42kYG11\nDB_PORT=5432",
				"[database]\nhost = db01\npassword = Xb8OyG10gqxGdk049\n",
				"mysql -u root --password=EuJRnAVwSmdnZy -h db01",
				"Server=tcp:sql01.database.windows.net,1433;Initial Catalog=ledger;User ID=app;Password=Hq3Zp9Lk2Wm7Rt;",
				"SECRET_KEY=django-insecure-9x!k2@lq#v8w^z3r",
			},
			Negatives: []string{
				"auth:\n  password_min_length: 12\n",
				"GH_TOKEN: ${{ secrets.GH_TOKEN }}",
				"password: true",
				"DB_PASSWORD=${DB_PASSWORD}",
				"DB_PASSWORD=$DB_PASSWORD",
				"api_key = os.environ[\"API_KEY\"]",
				"password: !vault |",
				"password: string;",
				"bypass: enabled",
				"password=",
				`let pw = env::var("DB_PASSWORD").expect("DB_PASSWORD not set");`,
				`let db_password = std::env::var("DB_PASSWORD")?;`,
				`$password = $request->input('password');`,
				`$password = $env:DB_PASSWORD`,
				`$password = Read-Host -AsSecureString`,
				`$password = Get-Secret -Name DbPassword -AsPlainText`,
				`password = Rails.application.credentials.db_password`,
				`password = @config[:password]`,
			},
		},
		{
			// An unquoted value followed by more text on the same line ("pass:
			// Hunter22 thanks", "pwd=Sommer2024 bitte"): only values that do not
			// read as a word are kept.
			ID: "password_assignment_inline", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: passKeywords,
			Before:   40, After: 224,
			Pattern:       passLabel + `\]?[ \t]*(?::=|=>|[:=])[ \t]*([^\s"'\x60;,&(\[{<][^\s"'\x60;]*[^\s"'\x60;,.:)\]}])(?:(?m:$)|[\s;,.:"'\x60)\]}])`,
			Group:         1,
			Validator:     prosePassword,
			ValidatorName: "prose_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"ok so the admin pass: Hunter22x thanks!",
				"login as root, pwd=Sommer2024# bitte nicht weitergeben",
				"wifi password=BlueSky#2024 (guest network)",
			},
			Negatives: []string{
				"Password: Enter your password below",
				"mountain pass: closed for winter",
				"password: required for all accounts",
			},
		},
		{
			// A literal passed to a setter: user.setPassword("..."),
			// builder.password("..."), with_api_key("..."), PASSWORD('...').
			// Getters (keyring.get_password("svc", "user")) are not setters.
			ID: "password_assignment_call", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{
				"password(", "passwd(", "passphrase(", "passcode(", "secret(", "secretkey(", "secret_key(",
				"apikey(", "api_key(", "pass(", "pwd(",
			},
			Before: 48, After: 224,
			Pattern:       passSetter + passQuotedValue,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`user.setPassword("Winter3309!");`,
				`conn = Connection.builder().user("etl").password("Hq3Zp9Lk2Wm7Rt").build()`,
				`client.with_api_key("a8F3kL9qW2eR7tY1uI0o")`,
			},
			Negatives: []string{
				`password = keyring.get_password("system", "admin")`,
				`secret = client.read_secret("prod/db")`,
				`String pw = vault.getSecret("db-password");`,
				`user.setPassword(request.getParameter("pw"));`,
			},
		},
		{
			// A literal after a quoted label in an argument list:
			// define('DB_PASSWORD', '...'), ENV.fetch("DB_PASSWORD", "...")
			// (a hard-coded fallback). The value must close the list or be
			// followed by another argument; a quoted word followed by ':' is
			// the next JSON key ({"key": "db_password", "value": ...}).
			ID: "password_assignment_argument", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{
				`password",`, `password',`, `passwd",`, `passwd',`, `passphrase",`, `passphrase',`,
				`secret",`, `secret',`, `key",`, `key',`, `pass",`, `pass',`, `pwd",`, `pwd',`, `pw",`, `pw',`,
			},
			Before: 40, After: 224,
			Pattern:       passLabel + `\\?["'][ \t]*,[ \t]*` + passQuotedValue + `[ \t]*[),\]]`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`define('DB_PASSWORD', 'Zq8wLp3Nt!x');`,
				`password = ENV.fetch("DB_PASSWORD", "Vb7kLq2Wz99")`,
				`cfg.set("smtp", "password", "Mz3#kq8Wp")`,
			},
			Negatives: []string{
				`define('DB_PASSWORD', getenv('DB_PASSWORD'));`,
				`{"key": "db_password", "value": "", "type": "secret"}`,
				`{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}`,
				`password = os.environ.get("DB_PASSWORD", "")`,
			},
		},
		{
			// Key/value-pair JSON: the label is the value of a "key"/"name"
			// field and the secret sits in the sibling "value" field (Postman
			// collections and environments, Insomnia, AWS SSM get-parameters,
			// ECS/App Service settings, CloudFormation ParameterKey/Value), or
			// the label is an object key whose "value" holds it (Terraform
			// state outputs). Up to four scalar fields may stand in between.
			ID: "password_name_value_pair", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: kvKeywords,
			Before:   128, After: 256,
			Pattern: `(?:"(?i:key|name|parameterkey|parametername|optionname|variable|var)"\s*:\s*"` + kvLabel + `"\s*,\s*` + kvFields +
				`|"` + kvLabel + `"\s*:\s*\{\s*` + kvFields + `)` +
				`"(?i:value|parametervalue|secretvalue|secretstring)"\s*:\s*"([^"\\\s](?:[^"\\\n]|\\.)*)"`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`{"key": "admin_password", "value": "CIWbuflhbc0lc", "type": "secret", "enabled": true}`,
				`{"values": [{"key": "baseUrl", "value": "https://api.example.com"}, {"key": "db_password", "value": "Rt7#kPq2Lw9", "type": "secret"}]}`,
				`[{"name": "DB_PASSWORD", "value": "Zq8wLp3Nt!x"}, {"name": "DB_HOST", "value": "db01"}]`,
				`{"Parameters": [{"Name": "/prod/db/password", "Type": "SecureString", "Value": "Hn5%gTr2Qa", "Version": 3}]}`,
				"{\n  \"key\": \"api_key\",\n  \"value\": \"a8F3kL9qW2eR7tY1uI0o\",\n  \"enabled\": true\n}",
				`{"outputs": {"db_password": {"value": "Tg8!rQ2xLm", "type": "string", "sensitive": true}}}`,
				`{"ParameterKey": "DBMasterPassword", "ParameterValue": "y0A!wT6C4!"}`,
			},
			Negatives: []string{
				`{"key": "admin_password", "value": "{{admin_password}}", "type": "secret"}`,
				`{"key": "password_min_length", "value": "12"}`,
				`{"key": "username", "value": "svc_app"}, {"key": "type", "value": "secret"}`,
				`{"Name": "/prod/db/password", "Type": "SecureString", "Value": ""}`,
				`{"key": "password", "value": "", "type": "secret", "enabled": true}`,
				`{"name": "DB_PASSWORD", "value": "${DB_PASSWORD}"}`,
			},
		},
		{
			// Kubernetes / Compose env lists in YAML:
			//   - name: DB_PASSWORD
			//     value: "..."
			ID: "password_env_list_yaml", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: kvKeywords,
			Before:   96, After: 200,
			Pattern: `(?m:^)[ \t]*(?:-[ \t]+)?name:[ \t]*["']?` + kvLabel + `["']?[ \t]*\r?\n[ \t]*value:[ \t]*` +
				`["']?([^"'\s#][^"'\n]*?)["']?(?:[ \t]+#[^\n]*)?[ \t]*\r?(?m:$)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"        env:\n        - name: DB_PASSWORD\n          value: \"Kx9#mPq2Lw\"\n        - name: LOG_LEVEL\n          value: info\n",
				"      env:\n        - name: REDIS_PASSWORD\n          value: Vb7kLq2Wz99\n",
				"- name: POSTGRES_PASSWORD\n  value: 'Pg7$kLm2Qx'\n",
				"- name: DB_PASSWORD\n  value: Kx9#mPq2Lw # rotated 2024-05\n",
			},
			Negatives: []string{
				"- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db-secret\n      key: password\n",
				"- name: DB_PASSWORD\n  value: \"$(DB_PASSWORD)\"\n",
				"- name: DB_PASSWORD_FILE\n  value: /run/secrets/db_password\n",
				"- name: DB_USER\n  value: app\n",
			},
		},
		{
			// URL query strings and form bodies (OAuth token requests, login
			// POSTs in debug logs): "...&client_secret=Orchid2837*&...". The
			// value ends at the next parameter; it may be percent-encoded.
			ID: "password_query_param", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"password=", "passwd=", "pwd=", "pass=", "secret=", "passphrase=", "client_secret=", "client-secret="},
			Before:   24, After: 260,
			Pattern: `[?&;](?i:[a-z0-9_.\-]*(?:password|passwd|passphrase|secret)|pwd|pass|db_?pass|client[_-]secret|app[_-]secret)=` +
				`([^&;\s#"'<>=][^&;\s#"'<>]{3,255})(?:[&;\s#"'<>]|$)`,
			Group:         1,
			Validator:     queryPassword,
			ValidatorName: "literal_password",
			Confidence:    0.6, // below database_url_query_password, which owns DSN queries
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"POST https://oauth2.googleapis.com/token body=grant_type=refresh_token&client_secret=juniper-falcon-614&refresh_token=1//0g",
				"GET /login?user=ann&password=Falcon2623%2A HTTP/1.1",
				"curl -d 'username=svc&password=Tangerine7430!' https://api.internal/auth",
			},
			Negatives: []string{
				"GET /reset?password=&token=abc",                  // empty
				"/oauth/token?client_secret=${CLIENT_SECRET}&x=1", // template
				"?secret_name=prod-db&region=eu",                  // names a secret
				"redirect?next=/account/password&lang=en",         // a path, not a parameter
			},
		},
		{
			// Redis MONITOR output and redis-cli transcripts: "AUTH" "pw" or
			// "AUTH" "user" "pw".
			ID: "password_redis_auth", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{`"auth"`},
			Before:   2, After: 200,
			Pattern:       `"(?i:auth)"(?:[ \t]+"[A-Za-z0-9_.\-]{1,64}")?[ \t]+"([^"\s]{4,128})"`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.8,
			Context:       append(append([]string{}, passContext...), "redis", "monitor", "requirepass"),
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`1775022949.332676 [0 203.0.113.52:49956] "AUTH" "2W6j7tkoi6M1lyAuwOi"`,
				`1775022949.332676 [0 10.0.0.5:49956] "auth" "default" "juniper-basalt-466"`,
			},
			Negatives: []string{
				`1775022949.332676 [0 203.0.113.52:49956] "AUTH" "changeme"`,
				`{"type": "auth", "value": "enabled"}`,
			},
		},
		{
			// MySQL/MariaDB clients take the password glued to -p
			// ("mysqldump -u backup -p'...'", "mysql -uroot -pS3cret"), in
			// crontabs, shell history, sudo logs and CI scripts.
			ID: "password_mysql_cli", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"mysql", "mariadb"},
			Before:   2, After: 200,
			Pattern: `(?i:\b(?:mysql(?:dump|admin|import|check|show|pump|sh)?|mariadb(?:-dump|-admin)?))[ \t][^\n|;&]{0,120}?` +
				`[ \t]-p['"]?([^\s'"\-][^\s'"]{3,127})['"]?(?:[\s;|&]|$)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.85,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"30 2 * * * mysqldump -u backup -p'pkwKG16IoBl%LIi' --all-databases | gzip > /backup/db.sql.gz",
				"COMMAND=/usr/bin/mysql -u root -pUqnjb#J-v6gJgcLv-FSaO -e SHOW DATABASES",
				"mysql -h db.internal -uapp -p\"Rt7#kPq2Lw9\" app",
			},
			Negatives: []string{
				"mysql -u root -p",                   // prompts for it
				"mysql -u root -p -e 'SELECT 1'",     // prompts for it
				"mysql -u root -p$MYSQL_PWD app",     // a variable
				"mysqldump -u backup -p'changeme' x", // placeholder
			},
		},
		{
			// wpa_supplicant.conf and NetworkManager keyfiles: the Wi-Fi
			// pre-shared key is the network's password.
			ID: "password_wifi_psk", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"psk=", "psk =", "wpa_passphrase", "wpa-psk"},
			Before:   16, After: 80,
			Pattern:       `(?m)^[ \t]*(?:psk|wpa_passphrase|wpa-psk)[ \t]*=[ \t]*"?([^"\s][^"\n]{6,61}[^"\s])"?[ \t]*\r?$`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.85,
			Context:       append(append([]string{}, passContext...), "ssid", "network", "wifi", "wpa", "key_mgmt"),
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"network={\n    ssid=\"Lighthouse_5G\"\n    psk=\"hM7r5Bg#pWx13ee7rgKB\"\n    key_mgmt=WPA-PSK\n}",
				"[wifi-security]\nkey-mgmt=wpa-psk\npsk=Ravenlotus5375$\n",
				"wpa_passphrase=Tr0ub4dor&3xyz",
			},
			Negatives: []string{
				"psk=e4b1c9f0d7a6b3c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8", // a derived 256-bit key, not the passphrase
				"    psk=\"<your-wifi-password>\"",
			},
		},
		{
			// Infrastructure code with a literal password: CloudFormation
			// NoEcho parameters with a Default, AWS CDK's
			// SecretValue.unsafePlainText('...').
			ID: "password_iac_literal", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"noecho", "unsafeplaintext", "secretvalue.plaintext"},
			Before:   120, After: 200,
			Pattern: `(?:(?i:noecho)[ \t]*:[ \t]*['"]?true['"]?[ \t]*\r?\n(?:[ \t]+[A-Za-z]+[ \t]*:[^\n]*\n){0,4}?[ \t]+Default[ \t]*:[ \t]*|` +
				`SecretValue\.(?:unsafePlainText|plainText)\([ \t]*['"\x60])['"\x60]?([^'"\x60\s][^'"\x60\n]{2,254}[^'"\x60\s])['"\x60]?`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.85,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"  DBMasterPassword:\n    Type: String\n    NoEcho: true\n    Default: '8LyK7fc7ct^E36pWU73rg^'\n",
				"credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('Velvetlotus1925%')),",
			},
			Negatives: []string{
				"  DBMasterPassword:\n    Type: String\n    NoEcho: true\n    MinLength: 12\n",
				"SecretValue.unsafePlainText(process.env.DB_PASSWORD!)",
				"SecretValue.secretsManager('prod/db')",
			},
		},
		{
			// Jenkins init scripts and the script console:
			// new UsernamePasswordCredentialsImpl(scope, id, description, username, password).
			ID: "password_jenkins_credentials", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"usernamepasswordcredentialsimpl"},
			Before:   4, After: 400,
			Pattern: `UsernamePasswordCredentialsImpl[ \t]*\([ \t]*[^,()\n]+,(?:[ \t]*(?:'[^'\n]*'|"[^"\n]*"|null)[ \t]*,){3}` +
				`[ \t]*['"]([^'"\n]{4,128})['"]`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.85,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"store.addCredentials(domain, new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'artifactory', 'ci user', 'ci-bot', 'violet-anchor-violet33'))",
			},
			Negatives: []string{
				"new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'artifactory', 'ci user', 'ci-bot', 'changeme')",
				"new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'id', 'desc', 'user', System.getenv('PW'))",
			},
		},
		{
			// HAProxy: userlist passwords in clear and the stats page login.
			ID: "password_haproxy", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"insecure-password", "stats auth"},
			Before:   4, After: 200,
			Pattern:       `(?:insecure-password[ \t]+|stats[ \t]+auth[ \t]+[^:\s]+:)([^\s#]{4,128})`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.85,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"userlist ops\n    user admin insecure-password Vortex!350Q\n",
				"listen stats\n    stats enable\n    stats auth admin:YPzPLpC3Tvpb5J\n",
			},
			Negatives: []string{
				"    user viewer password $6$vXb1$Qk2e9F8d7c6b5a4",
				"    stats auth admin:changeme",
			},
		},
		{
			// Passwords stated in prose, in several languages.
			ID: "password_prose", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{
				"password", "passwort", "kennwort", "contraseña", "contrasena", "mot de passe", "senha",
				"wachtwoord", "hasło", "haslo", "passord", "lösenord", "salasana", "пароль", "密码", "パスワード",
				"비밀번호", "पासवर्ड", "passcode", "passphrase", "pwd", "pw",
			},
			Before: 16, After: 128,
			Pattern: `(?:\b(?i:password|passwort|kennwort|contraseña|contrasena|mot de passe|senha|wachtwoord|hasło|haslo|passord|lösenord|salasana|passcode|passphrase|pwd|pw)|пароль|Пароль|密码|パスワード|비밀번호|पासवर्ड)` +
				`(?:(?i:\s+(?:(?:for|to|of|on)\s+(?:\S+\s+){1,4}?)?(?:is|was|ist|lautet|war|es|era|est|était|é|è|wordt|jest|är|er|on|是|は|는|है)(?:\s+(?:now|still|just|temporarily|set\s+to|jetzt|ahora|maintenant|agora|nu|teraz|ancora))?)\s*[:：=]?\s*|\s*[:：=]\s*|[ \t]+\x60)` +
				`["'\x60“”‘’«»„]?` +
				`([^\s"'\x60“”‘’«»„<>&(\[{;][^\s"'\x60“”‘’«»„<>;]{2,}[^\s"'\x60“”‘’«»„<>.,;:)\]-])`,
			Group:         1,
			Validator:     prosePassword,
			ValidatorName: "prose_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextRequired,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"Hi, my password is Winter3309! and it stopped working.",
				"Das Passwort ist Sommer2024# – bitte ändern.",
				"La contraseña es Tigre!8842, no la compartas.",
				"Le mot de passe : Soleil_7731 pour le wifi.",
				"temp password: hunter2.",
			},
			Negatives: []string{
				"The password is incorrect, please try again.",
				"Your password must be at least 12 characters.",
				"Password: <password>",
				"Reset your password via the link.",
				"password was changed yesterday",
			},
		},
		{
			// The cells of a password column: password-manager exports
			// (Chrome, Bitwarden, 1Password, LastPass, KeePass CSV), user
			// tables dumped as CSV, SQL INSERT/COPY or Markdown. Only the
			// column name says what the value is (detector.ContextColumn).
			ID: "password_column", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Pattern:       `(?m)^([^\s"']|[^\s"'][^\t\r\n]{0,126}[^\s"'])$`,
			Group:         1,
			Validator:     cellPassword,
			ValidatorName: "literal_password",
			Confidence:    0.5,
			Need:          detector.ContextColumn,
			Context: []string{
				"password", "passwd", "pwd", "pass", "pw", "passphrase", "login_password", "passwort", "kennwort",
				"contraseña", "contrasena", "mot_de_passe", "mot de passe", "senha", "wachtwoord", "hasło", "haslo",
				"passord", "lösenord", "salasana", "пароль", "密码", "パスワード", "비밀번호",
			},
			Reject: []string{
				"hash", "hashed", "digest", "salt", "changed", "updated", "expires", "expiry", "expired", "reset",
				"policy", "length", "strength", "hint", "date", "time", "count", "attempts", "required", "enabled",
				"algorithm", "algo", "format", "encrypted", "last", "age", "status", "flag", "question", "answer",
			},
			Placeholders: passPlaceholders,
			Examples: []string{
				"name,url,username,password,note\ngithub.com,https://github.com/login,bob@x.io,saffron-marble-harbor9,",
				"Title\tUsername\tPassword\nMail\tbob\tTr0ub4dor&3x",
				"COPY public.users (id, login, password) FROM stdin;\n1\tbob\tHq3Zp9Lk2Wm7\n\\.",
				"| user | password |\n|---|---|\n| bob | Winter2024! |",
				"INSERT INTO users (id, login, passwd) VALUES (1, 'bob', 'Xb8OyG10gqxGdk');",
			},
			Negatives: []string{
				"id,password_hash\n1,$2b$12$KIXQJQe1h0J3rQ9b6C7l1eS0n7u0aQ1bE2QFZ3p9y1bX1YbqzZ5nW",
				"user,password_changed_at\nbob,2024-03-01T10:00:00Z",
				"user,password\nbob,xxxxxxxx",
				"user,password\nbob,N/A",
				"user,note\nbob,Winter2024!",
			},
		},
		{
			// PowerShell turning a literal into a SecureString: the literal
			// is the plaintext password ("ConvertTo-SecureString 'pw'
			// -AsPlainText -Force", or with -String / the switches first).
			ID: "password_powershell_securestring", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"convertto-securestring"},
			Before:   2, After: 200,
			Pattern: `(?i:convertto-securestring)(?:[ \t]+-(?i:asplaintext|force|string)(?::\$true)?)*[ \t]+` +
				`["']([^"'\r\n]{1,128})["']`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.8,
			Context:       passContext,
			Need:          detector.ContextNo,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`$secure = ConvertTo-SecureString "Juniper9032@" -AsPlainText -Force`,
				`$pw = ConvertTo-SecureString -String "Tr0ub4dor&3x" -AsPlainText -Force`,
				`ConvertTo-SecureString -AsPlainText -Force -String "Hq3Zp9Lk2Wm7Rt"`,
			},
			Negatives: []string{
				`$secure = ConvertTo-SecureString $plain -AsPlainText -Force`,
				`ConvertTo-SecureString "$env:DB_PASSWORD" -AsPlainText -Force`,
				`ConvertTo-SecureString "changeme" -AsPlainText -Force`,
			},
		},
		{
			// <password>...</password> elements (Maven settings.xml, Tomcat,
			// SOAP WS-Security, app configs), namespaced and with attributes:
			// <wsse:Password Type="...#PasswordText">...</wsse:Password>.
			// Triggered by the closing tag; the opening tag may carry long
			// attributes. A WS-Security PasswordDigest is a hash, not a password.
			ID: "password_xml_element", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"password>", "passwd>", "secret>", "passphrase>"},
			Before:   240, After: 16,
			Pattern: `<(?i:[A-Za-z0-9_.:-]*(?:password|passwd|secret|passphrase))` + xmlAttrs + `[ \t]*>` +
				`([^<>\s][^<>\n]*[^<>\s]|[^<>\s])</(?i:[A-Za-z0-9_.:-]*(?:password|passwd|secret|passphrase))>`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>Hq3Zp9Lk2Wm7Rt</password>\n</server>",
				`<add key="DbPassword" /><dbPassword>Xb8OyG10gqxGdk049</dbPassword>`,
				"<client_secret>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</client_secret>",
				`<wsse:UsernameToken><wsse:Username>svc_soap</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">cjJxzVhB5sNv!</wsse:Password></wsse:UsernameToken>`,
				`<ns2:password>Kx9#mPq2Lw</ns2:password>`,
				`<Password xsi:type="xsd:string">Vb7$kLq2Wz</Password>`,
			},
			Negatives: []string{
				"<password>${env.NEXUS_PASSWORD}</password>",
				"<password></password>",
				"<password>changeme</password>",
				`<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">weYI3nXd8LjMNVksCKFV8t3rgHh3Rw==</wsse:Password>`,
				`<PasswordMinLength>12</PasswordMinLength>`,
			},
		},
		{
			// .netrc / .authinfo lines: "machine host login user password secret".
			ID: "password_netrc", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"machine"},
			Before:   8, After: 200,
			Pattern:       `(?i:\bmachine\s+\S+\s+(?:port\s+\S+\s+)?login\s+\S+\s+password)\s+(\S+)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"machine api.heroku.com login bob@acme.io password 9f8e7d6c5b4a",
				"machine github.com\n  login octocat\n  password Hq3Zp9Lk2Wm7Rt\n",
				"machine smtp.gmail.com port 587 login alerts@acme.io password Zx8pQ2wRtYb",
			},
			Negatives: []string{
				"machine api.heroku.com login bob@acme.io password $HEROKU_API_KEY",
				"after login the password field is cleared",
				"machine api.heroku.com login bob password changeme",
			},
		},
		{
			// A value under a key or name attribute that names a password:
			// .NET appSettings <add key="DbPassword" value="..." />, Spring/Ant
			// <property name="password" value="..."/>, and element content
			// <property name="password">...</property>, <entry key="db.password">.
			ID: "password_key_value_attr", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{
				`password" value`, `password' value`, `passwd" value`, `pwd" value`, `secret" value`, `key" value`,
				`key' value`, `password">`, `password'>`, `passwd">`, `pwd">`, `secret">`, `key">`,
			},
			Before: 64, After: 200,
			Pattern: `(?i:(?:key|name)\s*=\s*["'][A-Za-z0-9_.:-]*(?:password|passwd|pwd|secret|api[_-]?key|apikey)["'])` +
				`(?:\s+(?i:value)\s*=\s*["']|\s*>)([^"'<>\s](?:[^"'<>\n]*[^"'<>\s])?)(?:["']|</)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				`<add key="DbPassword" value="Zx8!pQ2wRt" />`,
				`<add key="Smtp:Password" value='Hq3Zp9Lk2Wm7Rt'/>`,
				`<param name="apiKey" value="a8F3kL9qW2eR7tY1uI0o" />`,
				`<property name="hibernate.connection.password" value="Hn5%gTr2Qa"/>`,
				`<property name="password">Hn5%gTr2Qa</property>`,
				`<entry key="db.password">Hn5%gTr2Qa</entry>`,
			},
			Negatives: []string{
				`<add key="DbPassword" value="" />`,
				`<add key="DbPassword" value="#{DbPassword}#" />`,
				`<add key="PasswordMinLength" value="12" />`,
				`<property name="password" value="${db.password}"/>`,
			},
		},
		{
			// Terraform / HCL: the default of a variable named like a password.
			// Resource attributes (password = "...") are assignments; unquoted
			// references (random_password.db.result, var.x) fail literalSecret.
			ID: "password_hcl_variable", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{`variable "`},
			Before:   8, After: 320,
			Pattern: `\bvariable\s+"(?i:[A-Za-z0-9_-]*(?:password|passwd|passphrase|passcode|secret|secret_key|api_?key|pass|pwd))"\s*\{` +
				`[^{}]*?\bdefault\s*=\s*"([^"\s][^"\n]*)"`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"variable \"db_password\" {\n  type      = string\n  default   = \"jcNm!GDG7sv5#x\"\n  sensitive = true\n}",
				`variable "admin_password" { type = string  default = "Pw9!xLq2Zr" }`,
				"variable \"api_key\" {\n  description = \"vendor key\"\n  default = \"a8F3kL9qW2eR7tY1uI0o\"\n}",
			},
			Negatives: []string{
				"variable \"region\" {\n  default = \"us-east-1\"\n}",
				"variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\nvariable \"env\" {\n  default = \"Prod2024x\"\n}",
				"variable \"db_password\" {\n  default = \"\"\n}",
				"  password = random_password.db.result\n",
				"  admin_password = azurerm_key_vault_secret.admin.value\n",
				"  master_password = var.db_password\n",
				"  password = module.secrets.db_password\n",
				"  password = data.aws_secretsmanager_secret_version.db.secret_string\n",
				"  password = \"${random_password.db.result}\"\n",
			},
		},
		{
			// SQL: CREATE/ALTER USER ... IDENTIFIED BY 'pw' (Oracle, MySQL;
			// unquoted in Oracle), GRANT ... IDENTIFIED BY, IDENTIFIED WITH plugin
			// BY, Postgres/Snowflake PASSWORD 'pw', SET PASSWORD FOR u = 'pw'.
			// "PASSWORD = 'pw'" and PASSWORD('pw') are assignments already.
			ID: "password_sql", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"identified by", "identified with", `password '`, `password "`, "password for"},
			Before:   96, After: 160,
			// Unquoted only right after CREATE/ALTER USER name, so "was
			// identified by police" is not a finding.
			Pattern: `(?i:\bidentified(?:\s+with\s+["'\x60]?[A-Za-z0-9_]+["'\x60]?)?\s+by\s+["']|` +
				`\b(?:create|alter)\s+user\s+(?:if\s+not\s+exists\s+)?[^\s;]+\s+identified\s+by\s+|` +
				`\bpassword(?:\s+for\s+[^\s=;]+\s*=\s*(?:password\s*\(\s*)?|\s+)["'])` +
				`([^"'\s;,)(:&][^"'\s;]*[^"'\s;,)])`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       append([]string{"identified by"}, passContext...),
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"CREATE USER app IDENTIFIED BY 'WluF$1Ft7INc9';",
				"CREATE USER 'app'@'%' IDENTIFIED BY 'WluF$1Ft7INc9';",
				`ALTER USER scott IDENTIFIED BY "Tg8rQ2xLm!";`,
				"ALTER USER scott IDENTIFIED BY Tg8rQ2xLm ACCOUNT UNLOCK;",
				"GRANT ALL PRIVILEGES ON app.* TO 'app'@'%' IDENTIFIED BY 'Jk2@wPz9Rt';",
				"ALTER USER app IDENTIFIED WITH mysql_native_password BY 'Jk2@wPz9Rt';",
				"CREATE ROLE app WITH LOGIN PASSWORD 'Mz3#kq8Wp' VALID UNTIL 'infinity';",
				"CREATE USER app WITH ENCRYPTED PASSWORD 'Jk2@wPz9Rt';",
				"SET PASSWORD FOR bob = 'Qs7!vBn4Lk';",
				"CREATE LOGIN app_login WITH PASSWORD = 'y0A!wT6C4!', CHECK_POLICY = OFF;",
			},
			Negatives: []string{
				"CREATE USER app IDENTIFIED BY :pw;",
				"CREATE USER app IDENTIFIED BY '${DB_PASSWORD}';",
				"CREATE USER app IDENTIFIED EXTERNALLY;",
				"ALTER USER app IDENTIFIED BY VALUES 'S:8F2D6A';",
				"ALTER USER app IDENTIFIED BY PASSWORD '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9';",
				"GRANT SELECT ON t TO app IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29';",
				"ALTER USER app IDENTIFIED BY :new_password;",
				"CREATE USER app IDENTIFIED BY 'changeme';",
				"the password for this account was reset",
				"The suspect was identified by police on Tuesday.",
				"the user was identified by fingerprint",
			},
		},
		{
			// Markdown tables with the label and the value in neighbouring cells
			// of one row: | Admin UI | password | `G2wD1B%kZgC` |. The value is
			// one token (backticks stripped) that does not read as a word.
			ID: "password_markdown_cell", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{
				"password |", "password|", "password` |", "password** |", "passwd |", "passphrase |", "passcode |",
				"secret |", "pwd |", "pass |", "pw |",
			},
			Before: 40, After: 160,
			Pattern: `(?:(?m:^)|[\s|*\x60])` +
				// A bare "pass" / "pw" cell is a test result, not a label.
				`(?i:[A-Za-z0-9_.-]*(?:password|passwd|passphrase|passcode|secret|api[_-]?key|pwd)|(?:[A-Za-z0-9_.-]*[_.-]|` + passPrefix + `)(?:pass|pw))` +
				`[\x60*]*[ \t]*\|[ \t]*(?:\*\*)?\x60?([^\s|\x60*][^\s|\x60]*)\x60?(?:\*\*)?[ \t]*\|`,
			Group:         1,
			Validator:     cellPassword,
			ValidatorName: "prose_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"| Admin UI | password | `G2wD1B%kZgC` |",
				"| Service | User | Pass |\n|---|---|---|\n| ftp | deploy | db_pass |\n| mail | root | smtp_pass | 8Yt!kq2Lw |",
				"| System | Field | Value |\n|---|---|---|\n| DB | password | G2wD1B%kZgC |",
				"| Key | Value |\n|---|---|\n| password | `Vx8#nLq3Zt` |",
				"| Grafana | admin | **Password** | `Gr4f!anaQ9` |",
			},
			Negatives: []string{
				"| password | required | string |",
				"| password | `********` |",
				"| password | yes | The user password |",
				"| Username | Password | Notes |\n|---|---|---|",
				"| password_min_length | 12 |",
				"| password | `${DB_PASSWORD}` |",
				"| Unit tests | pass | 1,204/1,204 |",
				"| `password` | `SecretStr` | Admin password |",
				"| Password | SAML | OIDC |\n|---|---|---|",
			},
		},
		{
			// ~/.pgpass lines: hostname:port:database:username:password.
			ID: "password_pgpass", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{":5432:", ":5433:", ":6432:", ":*:"},
			Before:   128, After: 160,
			Pattern: `(?m:^)[ \t]*(?:[A-Za-z0-9_.-]+|\*):(?:[0-9]{1,5}|\*):(?:[A-Za-z0-9_.$-]+|\*):(?:[A-Za-z0-9_.@$-]+|\*):` +
				`([^\s:\\](?:[^\s:\\]|\\.)*)[ \t]*(?m:$)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       append([]string{"pgpass"}, passContext...),
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"db01.internal:5432:app:app_user:Pg7$kLm2Qx",
				`pg-replica:5432:*:repl:Rp4\:xQ9!mLz`,
				"cat ~/.pgpass\n*:*:*:postgres:Pg7$kLm2Qx\nlocalhost:6432:billing:etl:Zq8wLp3Nt\n",
			},
			Negatives: []string{
				"db01.internal:5432:app:app_user:${PGPASSWORD}",
				"2024-05-10 12:00:01 db01:5432: connection refused",
				"12:00:05:db:5432:ok",
				"*:*:*:postgres:changeme",
			},
		},
		{
			// curl -u user:password / --user user:password.
			ID: "password_curl_user", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret,
			Keywords: []string{"curl "},
			Before:   8, After: 240,
			Pattern:       `\bcurl\s(?:[^\n|;&]*?\s)?(?:-u[ \t]*|--user(?:[ \t]+|=))["']?[^\s:"'$]+:([^\s"'$][^\s"']*)`,
			Group:         1,
			Validator:     literalSecret,
			ValidatorName: "literal_password",
			Confidence:    0.55,
			Context:       passContext,
			Need:          detector.ContextHelps,
			Placeholders:  passPlaceholders,
			Examples: []string{
				"curl -u admin:Cr9!pLz4Wq https://api.internal/v1/status",
				`curl -s --user "deploy:Cr9pLz4Wq" -X POST https://ci.internal/job/build`,
			},
			Negatives: []string{
				`curl -u "$USER:$PASS" https://api.internal`,
				"curl -u admin https://api.internal",
				"curl -u admin: https://api.internal",
				"curl -u admin:changeme https://api.internal",
			},
		},
	}
}

// xmlAttrs are the attributes of an XML start tag; a Type attribute naming a
// WS-Security PasswordDigest (a hash) does not match.
const xmlAttrs = `(?:\s+[A-Za-z0-9_.:-]+\s*=\s*(?:"(?:[^"<>]*(?:[^"<>t]|[^"<>s]t|[^"<>e]st|[^"<>g]est|[^"<>i]gest|[^"<>D]igest))?"|'[^'<>]*'))*`
