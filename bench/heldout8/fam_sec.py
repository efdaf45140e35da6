"""heldout8 secrets / engineering families."""
import json

import core as C
from core import R
from base import E, I, want, pick, jesc, xesc, family, person, email, work_email, phone, fdate, nondate, org, sha, d, phone_shaped_order

GEN = {
    "AWS_ACCESS_KEY_ID": C.aws_akid, "AWS_SECRET_ACCESS_KEY": C.aws_secret, "GITHUB_TOKEN": C.github_token,
    "GITLAB_TOKEN": C.gitlab_token, "SLACK_TOKEN": C.slack_token, "SLACK_WEBHOOK_URL": C.slack_webhook,
    "STRIPE_SECRET_KEY": C.stripe_key, "GOOGLE_API_KEY": C.google_key, "OPENAI_API_KEY": C.openai_key,
    "ANTHROPIC_API_KEY": C.anthropic_key, "HUGGINGFACE_TOKEN": C.hf_token, "NPM_TOKEN": C.npm_token,
    "PYPI_TOKEN": C.pypi_token, "AZURE_STORAGE_KEY": C.azure_key, "SENDGRID_API_KEY": C.sendgrid_key,
    "TWILIO_API_KEY": C.twilio_key, "JWT": lambda: C.jwt(), "PASSWORD_ASSIGNMENT": C.password,
}
ENVNAME = {
    "AWS_ACCESS_KEY_ID": "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN": "GH_TOKEN",
    "GITLAB_TOKEN": "GITLAB_API_TOKEN", "SLACK_TOKEN": "SLACK_BOT_TOKEN", "SLACK_WEBHOOK_URL": "SLACK_ALERTS_URL",
    "STRIPE_SECRET_KEY": "STRIPE_SECRET", "GOOGLE_API_KEY": "MAPS_KEY", "OPENAI_API_KEY": "OPENAI_KEY",
    "ANTHROPIC_API_KEY": "CLAUDE_API_KEY", "HUGGINGFACE_TOKEN": "HF_HUB_TOKEN", "NPM_TOKEN": "NPM_AUTH",
    "PYPI_TOKEN": "TWINE_PASSWORD", "AZURE_STORAGE_KEY": "AZ_STORAGE_ACCOUNT_KEY", "SENDGRID_API_KEY": "MAIL_API_KEY",
    "TWILIO_API_KEY": "TWILIO_API_KEY_SID", "JWT": "SERVICE_JWT", "PASSWORD_ASSIGNMENT": "ADMIN_PASSWORD",
}
ALLSEC = list(GEN)


def sec(t):
    return E(t, GEN[t]())


def dbpw_url(scheme=None):
    scheme = scheme or R.choice(["postgresql", "mysql", "mongodb+srv", "redis", "amqp", "mssql", "postgres"])
    host = {"mongodb+srv": "cluster0.%s.mongodb.net" % C.rs(C.LO + C.DIG, 5), "redis": R.choice(["cache-01", "redis-master.default.svc"]),
            "amqp": "mq.%s" % org(), "mssql": "sql01.%s" % org()}.get(scheme) or R.choice(["db-prod.internal", "pg-%s.%s.eu-west-1.rds.amazonaws.com" % (C.hexs(6), C.rs(C.LO + C.DIG, 12)), "mysql-primary", "10.20.4.17"])
    user = R.choice(["app", "etl_rw", "svc_orders", "admin", "reporting"])
    port = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "mssql": 1433}.get(scheme)
    pw = C.db_password()
    if scheme == "redis" and R.random() < 0.5:
        return "redis://:%s@%s:%d/0" % (E("DATABASE_URL_WITH_PASSWORD", pw), host, port)
    return "%s://%s:%s@%s%s/%s" % (scheme, user, E("DATABASE_URL_WITH_PASSWORD", pw), host, (":%d" % port) if port else "", R.choice(["orders", "core", "analytics", "vhost1"]))


def jdbc_url():
    pw = C.db_password().replace("%", "")
    if R.random() < 0.5:
        return "jdbc:postgresql://pg.%s:5432/app?user=app&password=%s&sslmode=require" % (org(), E("DATABASE_URL_WITH_PASSWORD", pw))
    return "jdbc:sqlserver://sql01.%s:1433;databaseName=erp;user=erp_app;password=%s;encrypt=true" % (org(), E("DATABASE_URL_WITH_PASSWORD", pw))


def gcp_obj(indent=2, escaped=False):
    """GCP service-account JSON; returns marked string (outer span + ignore PEM + ignore e-mail)."""
    proj = R.choice(["ingest", "billing", "ml-train", "warehouse"]) + "-%d" % R.randint(100000, 999999)
    sa = "%s@%s.iam.gserviceaccount.com" % (R.choice(["etl-runner", "airflow", "exporter", "vertex-sa"]), proj)
    pk = C.pem(R.choice(["pkcs8", "pkcs8", "rsa"])).replace("\n", "\\n") + "\\n"
    nl = "\n" + " " * indent
    fields = [('type', 'service_account'), ('project_id', proj), ('private_key_id', C.hexs(40)), ('private_key', "\x00PK"),
              ('client_email', "\x00EM"), ('client_id', d(21)), ('auth_uri', 'https://accounts.google.com/o/oauth2/auth'),
              ('token_uri', 'https://oauth2.googleapis.com/token'),
              ('client_x509_cert_url', 'https://www.googleapis.com/robot/v1/metadata/x509/' + sa.replace("@", "%40")),
              ('universe_domain', 'googleapis.com')]
    parts = []
    for k, v in fields:
        if v == "\x00PK":
            val = I("PRIVATE_KEY", pk[:-2]) + "\\n"
        elif v == "\x00EM":
            val = I("EMAIL_ADDRESS", sa)
        else:
            val = v
        parts.append('"%s": "%s"' % (k, val))
    body = "{" + nl + ("," + nl).join(parts) + "\n}"
    if escaped:
        body = body.replace("\\n", "\\\\n").replace('"', '\\"').replace("\n", "\\n")
    return E("GCP_SERVICE_ACCOUNT_KEY", body)


# ---------------------------------------------------------------- Splunk CSV export + Datadog log events
@family("splunk_datadog_export", 14, hosts=("AWS_ACCESS_KEY_ID", "JWT", "DATABASE_URL_WITH_PASSWORD", "STRIPE_SECRET_KEY", "MAC_ADDRESS", "IP_ADDRESS"))
def splunk():
    if R.random() < 0.5:
        rows = ['"_time","host","source","_raw"']
        for _ in range(R.randint(3, 5)):
            k = pick(["login", "JWT", "DATABASE_URL_WITH_PASSWORD", "AWS_ACCESS_KEY_ID", "MAC_ADDRESS", "STRIPE_SECRET_KEY"])
            if k == "login":
                raw = 'level=info msg=""login ok"" user=%s src_ip=%s' % (E("EMAIL_ADDRESS", email(person())), E("IP_ADDRESS", C.ip()))
            elif k == "JWT":
                raw = 'GET /api/v2/me 200 ""Authorization: Bearer %s""' % E("JWT", C.jwt({"sub": C.uuid4(), "iat": 1767100000}))
            elif k == "DATABASE_URL_WITH_PASSWORD":
                raw = 'ERROR pool: could not connect to %s: timeout' % dbpw_url()
            elif k == "AWS_ACCESS_KEY_ID":
                raw = 'WARN botocore using static creds key=%s secret=%s' % (E("AWS_ACCESS_KEY_ID", C.aws_akid()), E("AWS_SECRET_ACCESS_KEY", C.aws_secret()))
            elif k == "MAC_ADDRESS":
                raw = 'dhcpd: DHCPACK on %s to %s (%s) via eth1' % (I("IP_ADDRESS", C.ipv4_private()), E("MAC_ADDRESS", C.mac()), R.choice(["Galaxy-S23", "iPad", "LAPTOP-7QK2"]))
            else:
                raw = 'stripe.error.AuthenticationError: Invalid API Key provided: %s' % E("STRIPE_SECRET_KEY", C.stripe_key())
            rows.append('"2026-03-0%dT1%d:%02d:%02d.000+0000","%s","%s","%s"' % (R.randint(1, 9), R.randint(0, 9), R.randint(0, 59), R.randint(0, 59), R.choice(["web-01", "api-7f9c"]), R.choice(["/var/log/app.log", "kube:api"]), raw))
        return "\n".join(rows) + "\n"
    evs = []
    for _ in range(R.randint(2, 3)):
        t = pick(["JWT", "DATABASE_URL_WITH_PASSWORD", "AWS_ACCESS_KEY_ID", "IP_ADDRESS"])
        if t == "JWT":
            msg, attrs = "token refresh", '"http":{"headers":{"authorization":"Bearer %s"}}' % E("JWT", C.jwt())
        elif t == "DATABASE_URL_WITH_PASSWORD":
            msg, attrs = "migrate start", '"db":{"url":"%s"}' % dbpw_url()
        elif t == "AWS_ACCESS_KEY_ID":
            msg, attrs = "s3 upload", '"aws":{"access_key_id":"%s","region":"eu-north-1"}' % E("AWS_ACCESS_KEY_ID", C.aws_akid())
        else:
            msg, attrs = "signup", '"usr":{"email":"%s"},"network":{"client":{"ip":"%s"}}' % (E("EMAIL_ADDRESS", email(person())), E("IP_ADDRESS", C.ip()))
        evs.append('{"id":"AY%s","content":{"timestamp":"2026-03-02T10:%02d:11.%03dZ","service":"%s","status":"info","message":"%s","attributes":{%s,"dd":{"trace_id":"%d"}}}}' % (
            C.rs(C.ALNUM, 20), R.randint(0, 59), R.randint(0, 999), R.choice(["checkout", "auth", "ingest"]), msg, attrs, R.randint(10 ** 18, 10 ** 19)))
    return '{"data":[\n' + ",\n".join(evs) + '\n],"meta":{"page":{"after":"%s"}}}' % C.rs(C.ALNUM, 30)


# ---------------------------------------------------------------- browser storage / cookie dump
@family("browser_storage_dump", 10, hosts=("JWT", "GOOGLE_API_KEY", "EMAIL_ADDRESS"))
def browser():
    p = person()
    ls = {"persist:root": '{\\"auth\\":\\"{\\\\\\"accessToken\\\\\\":\\\\\\"%s\\\\\\"}\\"}' % E("JWT", C.jwt({"sub": C.uuid4(), "email_verified": True, "iat": 1767200000})),
          "firebase:config": '{\\"apiKey\\":\\"%s\\",\\"authDomain\\":\\"%s.firebaseapp.com\\"}' % (E("GOOGLE_API_KEY", C.google_key()), R.choice(["shopr-prod", "tutorly"])),
          "user_profile": '{\\"email\\":\\"%s\\",\\"phone\\":\\"%s\\"}' % (E("EMAIL_ADDRESS", email(p)), E("PHONE_NUMBER", phone())),
          "stripe_pk": "pk_live_" + C.rs(C.ALNUM, 24),
          "sentry_dsn": "https://%s@o%d.ingest.sentry.io/%d" % (C.hexs(32), R.randint(10 ** 5, 10 ** 6), R.randint(10 ** 6, 10 ** 7)),
          "intercom_user_hash": sha(64)}
    out = ["// DevTools > Application > Local Storage > https://app.%s (copied)" % org(), "{"]
    out.append(",\n".join('  "%s": "%s"' % (k, v) for k, v in ls.items()))
    out.append("}")
    out.append("\n// document.cookie")
    out.append("_ga=GA1.1.%d.%d; session=%s; csrftoken=%s; ajs_user_id=%s" % (R.randint(10 ** 8, 10 ** 9), 1767000000, E("JWT", C.jwt(alg="HS256")) if want("JWT", 0.5) else C.rs(C.ALNUM, 32), C.rs(C.ALNUM, 32), C.uuid4()))
    return "\n".join(out)


# ---------------------------------------------------------------- reverse proxy configs (nginx, HAProxy, Traefik, Caddy)
@family("reverse_proxy_config", 10, hosts=("PASSWORD_ASSIGNMENT", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN", "IP_ADDRESS"))
def proxy():
    k = R.choice(["nginx", "haproxy", "traefik"])
    if k == "nginx":
        t = pick(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN"])
        hdr = {"OPENAI_API_KEY": 'proxy_set_header Authorization "Bearer %s";', "ANTHROPIC_API_KEY": 'proxy_set_header x-api-key "%s";',
               "HUGGINGFACE_TOKEN": 'proxy_set_header Authorization "Bearer %s";'}[t] % sec(t)
        up = {"OPENAI_API_KEY": "api.openai.com", "ANTHROPIC_API_KEY": "api.anthropic.com", "HUGGINGFACE_TOKEN": "api-inference.huggingface.co"}[t]
        return ("# /etc/nginx/conf.d/llm-gateway.conf\nupstream llm { server %s:443; }\nserver {\n    listen 443 ssl http2;\n    server_name llm.%s;\n"
                "    ssl_certificate_key /etc/ssl/private/llm.key;\n    allow %s;\n    allow %s;\n    deny all;\n    location /v1/ {\n        proxy_pass https://%s;\n        %s\n"
                "        proxy_set_header X-Real-IP $remote_addr;\n    }\n}\n") % (up, org(), E("IP_ADDRESS", C.ipv4()), I("IP_ADDRESS", C.ipv4_private()), up, hdr)
    if k == "haproxy":
        return ("global\n    log 127.0.0.1 local0\nuserlist ops\n    user admin insecure-password %s\n    user viewer password $6$%s$%s\n"
                "listen stats\n    bind :8404\n    stats enable\n    stats auth admin:%s\nfrontend fe\n    bind %s:443 ssl crt /etc/haproxy/site.pem\n"
                "    acl office src %s/32\nbackend be\n    server s1 %s:8080 check\n") % (
            E("PASSWORD_ASSIGNMENT", C.password().replace(" ", "")), C.rs(C.ALNUM, 8), C.rs(C.ALNUM + "./", 86), E("PASSWORD_ASSIGNMENT", C.rs(C.ALNUM, 14)),
            E("IP_ADDRESS", C.ipv4()), E("IP_ADDRESS", C.ipv4()), I("IP_ADDRESS", C.ipv4_private()))
    return ("# traefik dynamic.yml\nhttp:\n  middlewares:\n    admin-auth:\n      basicAuth:\n        users:\n          - \"admin:$apr1$%s$%s\"\n"
            "    llm-key:\n      headers:\n        customRequestHeaders:\n          Authorization: \"Bearer %s\"\n  services:\n    app:\n      loadBalancer:\n        servers:\n          - url: \"http://%s:3000\"\n") % (
        C.rs(C.ALNUM, 8), C.rs(C.ALNUM + "./", 22), sec(pick(["OPENAI_API_KEY", "HUGGINGFACE_TOKEN", "ANTHROPIC_API_KEY"])), I("IP_ADDRESS", C.ipv4_private()))


# ---------------------------------------------------------------- Spring Boot /actuator/env dump
@family("actuator_env_dump", 10, hosts=("DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT", "AWS_SECRET_ACCESS_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "AZURE_STORAGE_KEY"))
def actuator():
    props = [('"spring.datasource.url"', '"%s"' % jdbc_url()), ('"spring.datasource.password"', '"******"'),
             ('"server.port"', '"8080"'), ('"spring.mail.password"', '"%s"' % E("PASSWORD_ASSIGNMENT", C.rs(C.ALNUM, 16)) if want("PASSWORD_ASSIGNMENT", 0.6) else '"******"')]
    for t in R.sample(["AWS_SECRET_ACCESS_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "AZURE_STORAGE_KEY", "STRIPE_SECRET_KEY"], 2):
        t2 = pick([t, "AWS_SECRET_ACCESS_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "AZURE_STORAGE_KEY"])
        name = {"AWS_SECRET_ACCESS_KEY": "cloud.aws.credentials.secret-key", "SENDGRID_API_KEY": "sendgrid.api-key", "TWILIO_API_KEY": "twilio.api-key-sid",
                "AZURE_STORAGE_KEY": "azure.storage.account-key", "STRIPE_SECRET_KEY": "stripe.secret"}[t2]
        props.append(('"%s"' % name, '"%s"' % sec(t2)))
    props.append(('"app.support.phone"', '"%s"' % E("PHONE_NUMBER", phone())))
    body = ",\n".join('        %s: {"value": %s, "origin": "class path resource [application-prod.yml] - %d:%d"}' % (k, v, R.randint(1, 80), R.randint(3, 20)) for k, v in props)
    return ('{\n  "activeProfiles": ["prod"],\n  "propertySources": [\n    {"name": "server.ports", "properties": {"local.server.port": {"value": 8080}}},\n'
            '    {"name": "Config resource \'class path resource [application-prod.yml]\' via location \'optional:classpath:/\'",\n      "properties": {\n%s\n      }\n    }\n  ]\n}') % body


# ---------------------------------------------------------------- Jenkins credentials.xml / init.groovy
@family("jenkins_credentials", 10, hosts=("PRIVATE_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "PASSWORD_ASSIGNMENT", "NPM_TOKEN"))
def jenkins():
    if R.random() < 0.5:
        t = pick(["GITHUB_TOKEN", "GITLAB_TOKEN", "NPM_TOKEN"])
        pk = C.pem(R.choice(["rsa", "openssh", "ec", "pkcs8"]))
        show_pk = want("PRIVATE_KEY", 0.6)
        return ("<?xml version='1.1' encoding='UTF-8'?>\n<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin=\"credentials@1337.v60b_d7b_c7b_c9f\">\n  <domainCredentialsMap>\n"
                "    <entry>\n      <java.util.concurrent.CopyOnWriteArrayList>\n        <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n"
                "          <id>nexus-deploy</id>\n          <username>deployer</username>\n          <password>{AQAAABAAAAAQ%s}</password>\n        </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n"
                "        <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n          <id>scm-token</id>\n          <description>restored from backup, plaintext!</description>\n          <secret>%s</secret>\n"
                "        </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n        <com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey>\n"
                "          <id>deploy-ssh</id>\n          <privateKeySource class=\"com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey$DirectEntryPrivateKeySource\">\n"
                "            <privateKey>%s</privateKey>\n          </privateKeySource>\n        </com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey>\n"
                "      </java.util.concurrent.CopyOnWriteArrayList>\n    </entry>\n  </domainCredentialsMap>\n</com.cloudbees.plugins.credentials.SystemCredentialsProvider>\n") % (
            C.rs(C.ALNUM + "+/", 60) + "=", sec(t), E("PRIVATE_KEY", pk) if show_pk else "{AQAAABAAAAAQ" + C.rs(C.ALNUM + "+/", 80) + "=}")
    pw = C.password()
    return ("// init.groovy.d/credentials.groovy\nimport com.cloudbees.plugins.credentials.impl.*\nimport org.jenkinsci.plugins.plaincredentials.impl.*\nimport hudson.util.Secret\n\n"
            "def store = jenkins.model.Jenkins.instance.getExtensionList('com.cloudbees.plugins.credentials.SystemCredentialsProvider')[0].getStore()\n"
            "store.addCredentials(domain, new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'artifactory', 'ci user', 'ci-bot', '%s'))\n"
            "store.addCredentials(domain, new StringCredentialsImpl(CredentialsScope.GLOBAL, 'npm', 'npm publish', Secret.fromString('%s')))\n"
            "// TODO move to vault, see %s\n") % (E("PASSWORD_ASSIGNMENT", pw.replace("'", "")), sec(pick(["NPM_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN"])), "https://jira.%s/browse/OPS-%d" % (org(), R.randint(100, 9999)))


# ---------------------------------------------------------------- n8n / Make / Zapier workflow exports
@family("automation_workflow_export", 12, hosts=("GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_WEBHOOK_URL", "SENDGRID_API_KEY", "TWILIO_API_KEY", "GOOGLE_API_KEY", "DATABASE_URL_WITH_PASSWORD", "SLACK_TOKEN"))
def workflow():
    nodes = []
    for i in range(R.randint(2, 3)):
        t = pick(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_WEBHOOK_URL", "SENDGRID_API_KEY", "TWILIO_API_KEY", "GOOGLE_API_KEY", "SLACK_TOKEN", "DATABASE_URL_WITH_PASSWORD"])
        if t == "SLACK_WEBHOOK_URL":
            params = '"method":"POST","url":"%s","jsonBody":"{\\"text\\":\\"New lead\\"}"' % sec(t)
        elif t == "GOOGLE_API_KEY":
            params = '"url":"https://maps.googleapis.com/maps/api/geocode/json?address={{$json.addr}}&key=%s"' % sec(t)
        elif t == "DATABASE_URL_WITH_PASSWORD":
            params = '"operation":"executeQuery","connectionString":"%s"' % dbpw_url("postgresql")
        elif t == "TWILIO_API_KEY":
            params = '"url":"https://api.twilio.com/2010-04-01/Accounts/AC%s/Messages.json","sendHeaders":true,"headerParameters":{"parameters":[{"name":"X-Twilio-Key","value":"%s"}]}' % (C.hexs(32), sec(t))
        else:
            hn = {"OPENAI_API_KEY": "Authorization", "ANTHROPIC_API_KEY": "x-api-key", "SENDGRID_API_KEY": "Authorization", "SLACK_TOKEN": "Authorization"}[t]
            pre = "" if t == "ANTHROPIC_API_KEY" else "Bearer "
            params = '"url":"https://api.example-llm.io/v1","sendHeaders":true,"headerParameters":{"parameters":[{"name":"%s","value":"%s%s"}]}' % (hn, pre, sec(t))
        nodes.append('    {\n      "parameters": {%s},\n      "id": "%s",\n      "name": "HTTP Request %d",\n      "type": "n8n-nodes-base.httpRequest",\n      "typeVersion": 4.2,\n      "position": [%d, %d]\n    }' % (
            params, C.uuid4(), i + 1, 200 * i, 300))
    ck = pick(["GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY", "NONE", "NONE"])
    if ck == "GCP_SERVICE_ACCOUNT_KEY":
        nodes.append('    {\n      "parameters": {"authentication":"serviceAccount","serviceAccountKeyJson":"%s","operation":"append"},\n      "name": "Google Sheets",\n      "type": "n8n-nodes-base.googleSheets"\n    }' % gcp_obj(2, escaped=True))
    elif ck == "PRIVATE_KEY":
        nodes.append('    {\n      "parameters": {"command":"rsync -az ./export deploy@%s:/srv","privateKey":"%s"},\n      "name": "SSH",\n      "type": "n8n-nodes-base.ssh"\n    }' % (
            E("IP_ADDRESS", C.ipv4()), E("PRIVATE_KEY", C.pem(R.choice(["openssh", "rsa", "ec", "pkcs8"])).replace("\n", "\\n"))))
    if want("EMAIL_ADDRESS", 0.5):
        nodes.append('    {\n      "parameters": {"fromEmail":"%s","toEmail":"%s","subject":"Lead {{$json.name}}"},\n      "name": "Send Email",\n      "type": "n8n-nodes-base.emailSend"\n    }' % (
            E("EMAIL_ADDRESS", "%s@%s" % (R.choice(["ops", "growth", "no-reply"]), org())), E("EMAIL_ADDRESS", email(person()))))
    return '{\n  "name": "%s",\n  "nodes": [\n%s\n  ],\n  "connections": {},\n  "active": true,\n  "versionId": "%s"\n}' % (
        R.choice(["Lead enrichment", "Support triage GPT", "Invoice reminders"]), ",\n".join(nodes), C.uuid4())


# ---------------------------------------------------------------- mongoexport extended JSON + mongosh banner
@family("mongoexport_json", 10, hosts=("DATABASE_URL_WITH_PASSWORD", "DATE_OF_BIRTH", "IP_ADDRESS", "CRYPTO_WALLET"))
def mongo():
    out = ['$ mongosh "%s" --quiet --eval \'db.users.find().limit(3)\'' % dbpw_url("mongodb+srv").replace("/orders", "/app").replace("/core", "/app")] if want("DATABASE_URL_WITH_PASSWORD", 0.6) else ["$ mongoexport --uri=\"$MONGO_URI\" -c users --limit 3"]
    for _ in range(R.randint(2, 4)):
        p = person()
        doc = '{"_id":{"$oid":"%s"},"email":"%s","phone":"%s","dob":{"$date":"%sT00:00:00.000Z"},"passwordHash":"$2b$12$%s","lastLoginIp":"%s"' % (
            C.hexs(24), E("EMAIL_ADDRESS", email(p)), E("PHONE_NUMBER", phone()), E("DATE_OF_BIRTH", fdate(C.dob(), "iso")), C.rs(C.ALNUM + "./", 53), E("IP_ADDRESS", C.ip()))
        if want("CRYPTO_WALLET", 0.4):
            doc += ',"payoutWallet":"%s"' % E("CRYPTO_WALLET", C.btc_wallet())
        if R.random() < 0.3:
            doc += ',"lastTxHash":"0x%s"' % C.hexs(64)
        doc += ',"createdAt":{"$date":{"$numberLong":"%d"}}}' % (1700000000000 + R.randint(0, 10 ** 11))
        out.append(doc)
    return "\n".join(out)


# ---------------------------------------------------------------- CEF / LEEF SIEM events + Windows 4624 XML
@family("siem_cef_events", 10, hosts=("MAC_ADDRESS", "IP_ADDRESS", "EMAIL_ADDRESS", "AWS_ACCESS_KEY_ID"))
def cef():
    out = []
    for _ in range(R.randint(2, 4)):
        k = R.choice(["cef", "cef", "leef", "win"])
        if k == "cef":
            out.append("CEF:0|Fortinet|FortiGate|7.4.2|0000000013|traffic:forward accept|3|src=%s dst=%s smac=%s suser=%s spt=%d dpt=443 deviceExternalId=FG%s cs1Label=policy cs1=%d" % (
                I("IP_ADDRESS", C.ipv4_private()), E("IP_ADDRESS", C.ipv4()), E("MAC_ADDRESS", C.mac(R.choice([":", "-"]))), E("EMAIL_ADDRESS", email(person())), R.randint(1024, 65535), C.rs(C.UP + C.DIG, 12), R.randint(1, 90)))
        elif k == "leef":
            msg = "key=%s" % E("AWS_ACCESS_KEY_ID", C.aws_akid()) if want("AWS_ACCESS_KEY_ID", 0.4) else "policy=DLP-07"
            out.append("LEEF:2.0|Netskope|CASB|112.0|DLP|^|devTime=Mar 02 2026 10:22:04^src=%s^usrName=%s^fileName=creds.txt^%s" % (E("IP_ADDRESS", C.ip()), E("EMAIL_ADDRESS", email(person())), msg))
        else:
            out.append('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>4624</EventID><Computer>WS-%s.corp.local</Computer></System><EventData>'
                       '<Data Name="TargetUserName">%s</Data><Data Name="LogonType">10</Data><Data Name="IpAddress">%s</Data><Data Name="IpPort">%d</Data><Data Name="LogonGuid">{%s}</Data></EventData></Event>' % (
                           C.rs(C.UP + C.DIG, 6), R.choice(["svc_backup", "j.smith", "Administrator"]), E("IP_ADDRESS", C.ip()), R.randint(1024, 65535), C.uuid4()))
    out.append("# firmware 4.2.%d.%d   OID 1.3.6.1.4.1.12356.101.4.1.1" % (R.randint(1, 30), R.randint(1, 300)))
    return "\n".join(out)


# ---------------------------------------------------------------- tshark / tcpdump -A packet text
@family("packet_capture_text", 8, hosts=("PASSWORD_ASSIGNMENT", "MAC_ADDRESS", "JWT", "IP_ADDRESS"))
def tshark():
    src, dst = C.ipv4(), C.ipv4()
    smac = C.mac(":")
    user = R.choice(["jdoe", "ftpuser", "backup"])
    pw = C.rs(C.ALNUM, 12)
    k = R.choice(["ftp", "form", "bearer"])
    out = ["Frame 42: 318 bytes on wire (2544 bits), 318 bytes captured (2544 bits) on interface en0",
           "Ethernet II, Src: %s (%s), Dst: %s" % (R.choice(["Apple_1c", "IntelCor_4d", "Raspberr_e3"]), E("MAC_ADDRESS", smac), E("MAC_ADDRESS", C.mac(":"))),
           "Internet Protocol Version 4, Src: %s, Dst: %s" % (E("IP_ADDRESS", src), E("IP_ADDRESS", dst))]
    if k == "ftp":
        out += ["Transmission Control Protocol, Src Port: 51544, Dst Port: 21", "File Transfer Protocol (FTP)", "    USER %s\\r\\n" % user, "    PASS %s\\r\\n" % E("PASSWORD_ASSIGNMENT", pw)]
    elif k == "form":
        enc = C.rs(C.ALNUM, 6) + "%21" + C.rs(C.ALNUM, 5)
        out += ["Transmission Control Protocol, Src Port: 50122, Dst Port: 80", "Hypertext Transfer Protocol", "    POST /login HTTP/1.1\\r\\n",
                "    Authorization: Basic %s\\r\\n" % I("PASSWORD_ASSIGNMENT", __import__("base64").b64encode(("%s:%s" % (user, pw)).encode()).decode()),
                "HTML Form URL Encoded: application/x-www-form-urlencoded", "    Form item: \"username\" = \"%s\"" % E("EMAIL_ADDRESS", email(person())),
                "    Form item: \"password\" = \"%s\"" % E("PASSWORD_ASSIGNMENT", enc)]
    else:
        out += ["Transmission Control Protocol, Src Port: 53311, Dst Port: 8080", "Hypertext Transfer Protocol", "    GET /api/orders HTTP/1.1\\r\\n",
                "    Authorization: Bearer %s\\r\\n" % E("JWT", C.jwt()), "    X-Request-Id: %s\\r\\n" % C.uuid4()]
    return "\n".join(out)


# ---------------------------------------------------------------- SOPS files and PaaS config dumps
@family("sops_paas_config", 16, hosts=("PRIVATE_KEY", "AZURE_STORAGE_KEY", "PYPI_TOKEN", "HUGGINGFACE_TOKEN", "SENDGRID_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AWS_SECRET_ACCESS_KEY", "PASSWORD_ASSIGNMENT", "GITHUB_TOKEN", "GITLAB_TOKEN", "NPM_TOKEN"))
def sops():
    k = R.choice(["sops", "heroku", "fly", "doppler"])
    opts = ["AZURE_STORAGE_KEY", "PYPI_TOKEN", "HUGGINGFACE_TOKEN", "SENDGRID_API_KEY", "AWS_SECRET_ACCESS_KEY", "PASSWORD_ASSIGNMENT",
            "GITHUB_TOKEN", "GITLAB_TOKEN", "NPM_TOKEN", "TWILIO_API_KEY", "SLACK_TOKEN", "GCP_SERVICE_ACCOUNT_KEY"]
    if k == "sops":
        t = pick(opts + ["PRIVATE_KEY"])
        if t == "PRIVATE_KEY":
            leak = "deploy_key_unencrypted: |\n    " + E("PRIVATE_KEY", C.pem().replace("\n", "\n    "))
        else:
            leak = 'gcp_keyfile_unencrypted: |\n    ' + gcp_obj(4).replace("\n", "\n    ") if t == "GCP_SERVICE_ACCOUNT_KEY" else "%s_unencrypted: %s" % (ENVNAME[t].lower(), sec(t) if t != "AZURE_STORAGE_KEY" else "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (R.choice(["stprodlogs", "mediaeu"]), sec(t)))
        return ("db_password: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]\napi_token: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]\n%s\n"
                "sops:\n    kms: []\n    age:\n        - recipient: age1%s\n    lastmodified: \"2026-02-11T09:14:02Z\"\n    mac: ENC[AES256_GCM,data:%s,type:str]\n    unencrypted_suffix: _unencrypted\n    version: 3.9.1\n") % (
            C.rs(C.ALNUM + "+/", 24), C.rs(C.ALNUM + "+/", 43) + "=", C.rs(C.ALNUM + "+/", 22) + "==", C.rs(C.ALNUM + "+/", 48), C.rs(C.ALNUM + "+/", 43) + "=", C.rs(C.ALNUM + "+/", 22) + "==",
            leak, C.rs(C.BECH if hasattr(C, "BECH") else "abc", 58), C.rs(C.ALNUM + "+/", 88))
    if k == "fly":
        rows = "\n".join("%-24s %-18s %s" % (n, sha(16), "Mar 1 2026 10:%02d" % R.randint(0, 59)) for n in ["DATABASE_URL", "SECRET_KEY_BASE", "SENDGRID_API_KEY"])
        return "$ fly secrets list -a %s\nNAME                     DIGEST             CREATED AT\n%s\n$ fly ssh console -C 'printenv SENDGRID_API_KEY'\n%s\n" % (
            R.choice(["orders-api", "tutor-web"]), rows, sec("SENDGRID_API_KEY") if want("SENDGRID_API_KEY", 0.6) else "Error: not found")
    pool = opts[:-1]
    lines = []
    for _ in range(3):
        t = pick(pool)
        pool = [x for x in pool if x != t]
        lines.append((ENVNAME[t], sec(t)))
    lines.append(("DATABASE_URL", dbpw_url("postgres")))
    lines.append(("LOG_LEVEL", "info"))
    if k == "heroku":
        return "$ heroku config -a %s\n=== %s Config Vars\n%s\n" % ("acme-prod", "acme-prod", "\n".join("%-24s %s" % (n + ":", v) for n, v in lines))
    return "$ doppler secrets download --no-file --format env\n%s\n" % "\n".join('%s="%s"' % (n, v) for n, v in lines)


# ---------------------------------------------------------------- Confluence storage-format export (RAG ingestion)
@family("confluence_export", 10, hosts=("PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AWS_ACCESS_KEY_ID", "SLACK_WEBHOOK_URL", "EMAIL_ADDRESS", "PHONE_NUMBER"))
def confluence():
    t = pick(["PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AWS_ACCESS_KEY_ID", "SLACK_WEBHOOK_URL"])
    if t == "PRIVATE_KEY":
        code = E("PRIVATE_KEY", C.pem())
    elif t == "GCP_SERVICE_ACCOUNT_KEY":
        code = gcp_obj(2)
    elif t == "AWS_ACCESS_KEY_ID":
        code = "[default]\naws_access_key_id = %s\naws_secret_access_key = %s" % (E("AWS_ACCESS_KEY_ID", C.aws_akid()), E("AWS_SECRET_ACCESS_KEY", C.aws_secret()))
    else:
        code = "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy done\"}' %s" % sec("SLACK_WEBHOOK_URL")
    staff = []
    for _ in range(R.randint(2, 3)):
        p = person(R.choice(["us", "uk", "au", "sg"]))
        em = work_email(p, org())
        staff.append('<tr><td>%s %s</td><td><a href="mailto:%s">%s</a></td><td>%s</td></tr>' % (p["first"], p["last"], E("EMAIL_ADDRESS", em), E("EMAIL_ADDRESS", em), E("PHONE_NUMBER", phone(p["loc"]))))
    pub = C.pem_public() if R.random() < 0.4 else C.ssh_pub()
    return ('<div class="breadcrumbs">Spaces / Platform / Runbooks</div><nav>Home | Recent | Spaces | Apps</nav>\n<h1>On-call: %s</h1>\n<p>Contacts:</p>\n<table><tbody>%s</tbody></table>\n'
            '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[%s]]></ac:plain-text-body></ac:structured-macro>\n'
            '<p>Public key for the bastion (safe to share):</p><pre>%s</pre>\n<footer>Powered by Atlassian Confluence 8.5.4 &middot; Report a bug</footer>') % (
        R.choice(["payments", "ingest", "search"]), "".join(staff), code, pub)


# ---------------------------------------------------------------- FTP / SFTP client configs
@family("ftp_client_config", 8, hosts=("PASSWORD_ASSIGNMENT", "IP_ADDRESS"))
def ftp():
    if R.random() < 0.5:
        pw = C.password()
        b64 = __import__("base64").b64encode(C.password().encode()).decode()
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.4" platform="windows">\n\t<Servers>\n\t\t<Server>\n\t\t\t<Host>%s</Host>\n\t\t\t<Port>21</Port>\n\t\t\t<Protocol>0</Protocol>\n'
                '\t\t\t<User>%s</User>\n\t\t\t<Pass>%s</Pass>\n\t\t\t<Name>legacy ftp</Name>\n\t\t</Server>\n\t\t<Server>\n\t\t\t<Host>%s</Host>\n\t\t\t<Port>22</Port>\n\t\t\t<Protocol>1</Protocol>\n'
                '\t\t\t<User>deploy</User>\n\t\t\t<Pass encoding="base64">%s</Pass>\n\t\t</Server>\n\t</Servers>\n</FileZilla3>\n') % (
            E("IP_ADDRESS", C.ipv4()), R.choice(["upload", "partner_acme"]), E("PASSWORD_ASSIGNMENT", xesc(pw)) if "&" not in pw and "<" not in pw else E("PASSWORD_ASSIGNMENT", C.rs(C.ALNUM, 14)),
            E("IP_ADDRESS", C.ipv4()), I("PASSWORD_ASSIGNMENT", b64))
    return ("[Sessions\\%s]\nHostName=%s\nUserName=%s\nPassword=A35C%s\nPortNumber=22\n; WinSCP stores Password obfuscated (not plaintext)\n\n# lftp bookmark\nprod sftp://%s:%s@%s\n") % (
        R.choice(["backup@nas", "prod"]), E("IP_ADDRESS", C.ipv4()), "backup", C.hexs(60).upper(), "backup", E("PASSWORD_ASSIGNMENT", C.rs(C.ALNUM, 12)), E("IP_ADDRESS", C.ipv4()))


# ---------------------------------------------------------------- negatives only (placeholders ignored, hard negatives unlabeled)
@family("negatives_only", 8, hosts=())
def negatives():
    lines = ["## Test fixtures (documented placeholders) - release %d.%d.%d" % (R.randint(1, 9), R.randint(0, 30), R.randint(0, 9)),
             "- AWS example: %s / %s" % (I("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), I("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
             "- Stripe test card %s and key %s" % (I("CREDIT_CARD", "4242 4242 4242 4242"), I("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")),
             "- sample SSN %s, NHS %s, NINO %s, MBI %s" % (I("US_SSN", "123-45-6789"), I("UK_NHS", "943 476 5919"), I("UK_NINO", "QQ123456C"), I("US_MBI", "1EG4-TE5-MK73")),
             "- sample IBAN %s, mail %s" % (I("IBAN", "GB82 WEST 1234 5698 7654 32"), I("EMAIL_ADDRESS", "user@example.com")),
             "- publishable key pk_live_%s (not secret)" % C.rs(C.ALNUM, 24),
             "- masked: **** **** **** %s, XXX-XX-%s" % (d(4), d(4)),
             "- broken checksums: card %s, IBAN %s, token %s, %s, wallet %s" % (C.card_bad(), C.iban_bad(), C.crc_tok_bad("ghp_"), C.crc_tok_bad("npm_"), C.wallet_bad()),
             "- bad national IDs: NIF %s, BSN %s, TFN %s, CPF %s, NRIC %s, Aadhaar %s" % (C.nif_bad(), C.bsn_bad(), C.tfn_bad(), C.cpf_bad(), C.nric_bad(), C.aadhaar_bad()),
             "- invalid SSN ranges: %s, %s" % (C.ssn_bad(), C.ssn_bad()),
             "- tx 0x%s, commit %s, image sha256:%s" % (C.hexs(64), C.hexs(40), C.hexs(64)),
             "- truncated jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx (cut)",
             "- DATABASE_URL=postgres://readonly@db.internal:5432/app and password: \"${ADMIN_PASSWORD}\", password_min_length: 12",
             "- versions 4.2.11.3 / 10.0.19045.4291, ticket %s (not a phone), uuid %s" % (phone_shaped_order(), C.uuid4()),
             "- logo@2x.png, git@github.com:acme/infra.git, @babel/core@7.24.0",
             "- %s" % C.ssh_pub("ci@runner")]
    rest = lines[1:]
    R.shuffle(rest)
    return "\n".join(lines[:1] + rest) + "\n"


# ---------------------------------------------------------------- clipboard-manager history export (raw entries)
@family("clipboard_history_export", 10, hosts=("CREDIT_CARD", "IBAN", "CRYPTO_WALLET", "GITHUB_TOKEN", "OPENAI_API_KEY", "JWT", "STRIPE_SECRET_KEY", "ANTHROPIC_API_KEY"))
def clipboard():
    ents = []
    for _ in range(R.randint(4, 7)):
        t = pick(["CREDIT_CARD", "IBAN", "CRYPTO_WALLET", "GITHUB_TOKEN", "OPENAI_API_KEY", "JWT", "STRIPE_SECRET_KEY", "ANTHROPIC_API_KEY", "EMAIL_ADDRESS", "PHONE_NUMBER", "TEXT"])
        if t == "CREDIT_CARD":
            ents.append(E(t, C.fmt_card(C.card())))
        elif t == "IBAN":
            ents.append(E(t, C.fmt_iban(C.iban())))
        elif t == "CRYPTO_WALLET":
            ents.append(E(t, C.btc_wallet()))
        elif t == "EMAIL_ADDRESS":
            ents.append(E(t, email(person())))
        elif t == "PHONE_NUMBER":
            ents.append(E(t, phone()))
        elif t == "TEXT":
            ents.append(R.choice(["https://github.com/acme/infra/pull/%d" % R.randint(100, 9999), "git rebase -i HEAD~%d" % R.randint(2, 9), C.uuid4(),
                                  "sha256:" + C.hexs(64), "Meeting moved to 3:30", C.hexs(40), "0x" + C.hexs(64)]))
        else:
            ents.append(sec(t))
    sep = R.choice(["\n\n", "\n---\n", "\n\u2029\n"])
    return sep.join(ents) + R.choice(["", "", "\n"])
