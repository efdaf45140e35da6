"""heldout9 secrets / engineering families."""
import json
import core
from core import R, rs, DIG, UP, LO, B62
from base import M, I, pick, want, Person, phone, rdate, uuid, hexs, COUNT, STATE

TOK = ["AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK_URL", "STRIPE_SECRET_KEY", "GOOGLE_API_KEY",
       "JWT", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN", "NPM_TOKEN", "PYPI_TOKEN", "SENDGRID_API_KEY", "TWILIO_API_KEY",
       "AZURE_STORAGE_KEY", "AWS_SECRET_ACCESS_KEY"]
ENV = {"AWS_ACCESS_KEY_ID": "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN": "GH_TOKEN", "GITLAB_TOKEN": "GITLAB_API_TOKEN", "SLACK_TOKEN": "SLACK_BOT_TOKEN",
       "SLACK_WEBHOOK_URL": "SLACK_ALERTS_WEBHOOK", "STRIPE_SECRET_KEY": "STRIPE_KEY", "GOOGLE_API_KEY": "MAPS_KEY", "JWT": "SERVICE_JWT",
       "OPENAI_API_KEY": "OPENAI_API_KEY", "ANTHROPIC_API_KEY": "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN": "HF_TOKEN", "NPM_TOKEN": "NPM_AUTH_TOKEN",
       "PYPI_TOKEN": "TWINE_PASSWORD", "SENDGRID_API_KEY": "SENDGRID_KEY", "TWILIO_API_KEY": "TWILIO_API_KEY_SID", "AZURE_STORAGE_KEY": "AZURE_STORAGE_ACCOUNT_KEY",
       "AWS_SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY"}
def tokval(t):
    return {"AWS_ACCESS_KEY_ID": core.aws_id, "GITHUB_TOKEN": core.github, "GITLAB_TOKEN": core.gitlab, "SLACK_TOKEN": core.slack,
            "SLACK_WEBHOOK_URL": core.webhook, "STRIPE_SECRET_KEY": core.stripe, "GOOGLE_API_KEY": core.gkey,
            "JWT": lambda: core.jwt({"sub": "svc-" + rs(LO, 6), "iss": "https://auth.internal.example", "iat": R.randint(1700000000, 1790000000)}),
            "OPENAI_API_KEY": core.openai, "ANTHROPIC_API_KEY": core.anthropic, "HUGGINGFACE_TOKEN": core.hf, "NPM_TOKEN": lambda: core.crc_tok("npm_"),
            "PYPI_TOKEN": core.pypi, "SENDGRID_API_KEY": core.sendgrid, "TWILIO_API_KEY": core.twilio, "AZURE_STORAGE_KEY": core.azure,
            "AWS_SECRET_ACCESS_KEY": core.aws_secret}[t]()
def tok(t):
    return M(t, tokval(t))
def dburl(user=None):
    from urllib.parse import quote
    sch = R.choice(["postgresql", "postgres", "mysql", "mongodb+srv", "redis", "amqp", "mssql"])
    pw = quote(core.pw(), safe="!*-_") if R.random() < .75 else core.rs(B62, 8) + "%40" + core.rs(B62, 5) + "%23"
    host = {"postgresql": "pg-prod-1.c9x.us-east-1.rds.amazonaws.com", "postgres": "db.internal", "mysql": "mysql-primary.prod.svc",
            "mongodb+srv": "cluster0.ab12c.mongodb.net", "redis": "cache.svc.cluster.local", "amqp": "mq.prod.local", "mssql": "sql01.corp.local"}[sch]
    port = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "mssql": 1433}.get(sch)
    u = user or R.choice(["app", "svc_orders", "etl", "admin", "default"])
    db = {"redis": "0", "amqp": "vhost1"}.get(sch, R.choice(["orders", "prod", "analytics"]))
    return "%s://%s:%s@%s%s/%s" % (sch, u, M("DATABASE_URL_WITH_PASSWORD", pw), host, ":%d" % port if port else "", db)
def pem_in(style, indent="  ", kind=None):
    p = core.pem(kind)
    if style == "yaml":
        return M("PRIVATE_KEY", p.replace("\n", "\n" + indent))
    if style == "json":
        return M("PRIVATE_KEY", json.dumps(p)[1:-1])
    return M("PRIVATE_KEY", p)
def gcp_text(style, indent="  "):
    o = core.gcp_key()
    pk, em = o["private_key"], o["client_email"]
    if style == "raw" or style == "yaml":
        s = json.dumps(o, indent=2)
        s = s.replace(json.dumps(pk)[1:-1], I("PRIVATE_KEY", json.dumps(pk.rstrip("\n"))[1:-1]) + "\\n", 1).replace('"%s"' % em, '"%s"' % I("EMAIL_ADDRESS", em), 1)
        if style == "yaml": s = s.replace("\n", "\n" + indent)
        return M("GCP_SERVICE_ACCOUNT_KEY", s)
    s = json.dumps(json.dumps(o))[1:-1]
    epk = json.dumps(json.dumps(pk.rstrip("\n"))[1:-1])[1:-1]
    s = s.replace(epk, I("PRIVATE_KEY", epk), 1).replace(em, I("EMAIL_ADDRESS", em), 1)
    return M("GCP_SERVICE_ACCOUNT_KEY", s)

# 18 ---------------------------------------------------------------- GitLab CI
def gitlab_ci():
    t1 = pick(*TOK)
    L = ["# .gitlab-ci.yml", "stages: [build, test, deploy]", "", "variables:", '  DOCKER_DRIVER: overlay2', '  CI_REGISTRY_IMAGE: "$CI_REGISTRY/$CI_PROJECT_PATH"',
         '  %s: "%s"' % (ENV[t1], tok(t1))]
    if want("DATABASE_URL_WITH_PASSWORD", .5): L.append('  DATABASE_URL: "%s"' % dburl())
    L += ["", "test:", "  stage: test", "  image: python:3.12@sha256:%s" % hexs(64), "  services: [postgres:16]", "  variables:", "    POSTGRES_USER: ci"]
    L.append("    POSTGRES_PASSWORD: %s" % (M("PASSWORD_ASSIGNMENT", core.pw()) if want("PASSWORD_ASSIGNMENT", .6) else '"$CI_DB_PASSWORD"'))
    L += ["  script:", "    - pip install -r requirements.txt", "    - pytest -q", "", "deploy:", "  stage: deploy", "  script:",
          '    - echo "$CI_JOB_TOKEN" | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY']
    t2 = pick(*TOK)
    L.append('    - curl -sf -H "Authorization: Bearer %s" https://deploy.internal/hooks/release' % tok(t2) if t2 in ("JWT", "GITHUB_TOKEN", "OPENAI_API_KEY", "HUGGINGFACE_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN")
             else '    - export %s=%s' % (ENV[t2], tok(t2)))
    if want("PRIVATE_KEY", .3):
        L += ["  before_script:", "    - |", "      cat > ~/.ssh/id_deploy <<'KEY'", "      " + pem_in("yaml", "      ", R.choice(["OPENSSH", "RSA"])), "      KEY"]
    if R.random() < .5:
        L += ["", "# runner /etc/gitlab-runner/config.toml", "[[runners]]", '  name = "shared-%d"' % R.randint(1, 9), '  url = "https://gitlab.example.com/"',
              '  token = "%s"' % M("GITLAB_TOKEN", "glrt-" + rs(B62 + "_-", 20)), '  executor = "docker"']
    if R.random() < .4:
        L += ["", "# job log excerpt", "$ printenv | grep -i token", "CI_JOB_TOKEN=[MASKED]", "CI_BUILD_TOKEN=[MASKED]", "RUNNER_SHA=%s" % hexs(40)]
    return "\n".join(L)

# 19 ---------------------------------------------------------------- 1Password 1PUX export.data
def onepassword_1pux():
    p = Person()
    items = []
    def it(cat, title, fields, notes=""):
        items.append('        {"uuid": "%s", "categoryUuid": "%s", "overview": {"title": "%s", "url": "%s"}, "details": {"loginFields": [%s], "notesPlain": "%s", "sections": []}}'
                     % (rs(LO + DIG, 26), cat, title, "https://" + title.lower().replace(" ", "") + ".com" if cat == "001" else "", ", ".join(fields), notes))
    def f(name, des, val):
        return '{"value": "%s", "name": "%s", "designation": "%s", "fieldType": "%s"}' % (val, name, des, "P" if des == "password" else "T")
    it("001", R.choice(["Netflix", "Coinbase", "Chase", "Amazon"]), [f("email", "username", M("EMAIL_ADDRESS", p.email())), f("password", "password", M("PASSWORD_ASSIGNMENT", core.pw()))])
    for _ in range(R.randint(1, 3)):
        k = pick("CREDIT_CARD", "US_BANK_ROUTING", "IBAN", "US_SSN", "US_PASSPORT", "CRYPTO_WALLET", "DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT",
                 "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY", "PRIVATE_KEY", "CA_SIN", "UK_NINO", "AU_TFN", "NPM_TOKEN")
        if k == "CREDIT_CARD": it("002", "Visa Signature", [f("ccnum", "", M("CREDIT_CARD", core.card_fmt())), f("cvv", "", rs(DIG, 3)), f("expiry", "", "%02d/20%d" % (R.randint(1, 12), R.randint(26, 31)))])
        elif k == "US_BANK_ROUTING": it("101", "Checking", [f("routingNo", "", M("US_BANK_ROUTING", core.aba())), f("accountNo", "", rs(DIG, 11)), f("telephonePin", "", rs(DIG, 4))])
        elif k == "IBAN": it("101", "Girokonto", [f("iban", "", M("IBAN", core.iban_fmt())), f("swift", "", rs(UP, 6) + "XX")])
        elif k == "US_SSN": it("108", "Social Security", [f("name", "", p.name), f("number", "", M("US_SSN", core.ssn()))])
        elif k == "US_PASSPORT": it("106", "US Passport", [f("type", "", "P"), f("issuing_country", "", "USA"), f("number", "", M("US_PASSPORT", core.passport_us())), f("birthdate", "", M("DATE_OF_BIRTH", p.dob("iso")))])
        elif k == "CRYPTO_WALLET": it("115", "Cold wallet", [f("walletAddress", "", M("CRYPTO_WALLET", core.wallet())), f("recoveryPhrase", "", "(stored offline)")])
        elif k == "DATABASE_URL_WITH_PASSWORD": it("102", "Prod DB", [f("database_type", "", "postgresql"), f("url", "", dburl())])
        elif k == "PASSWORD_ASSIGNMENT": it("110", "Home Wi-Fi", [f("network_name", "", R.choice(["Skynet-5G", "FRITZ!Box 7590 QX"])), f("wireless_password", "password", M("PASSWORD_ASSIGNMENT", core.pw()))])
        elif k in ("CA_SIN", "UK_NINO", "AU_TFN"):
            lab = {"CA_SIN": "SIN", "UK_NINO": "National Insurance", "AU_TFN": "Tax File Number"}[k]
            from fam_pii import natval
            it("108", lab, [f("number", "", M(k, natval(k, p)))])
        elif k == "PRIVATE_KEY": it("114", "bastion ssh", [f("private_key", "", pem_in("json"))])
        else: it("112", "API credential", [f("username", "", "ci-bot"), f("credential", "", tok(k)), f("hostname", "", R.choice(["api.stripe.com", "registry.npmjs.org", "aws"]))])
    if R.random() < .4:
        it("001", "Router", [f("username", "username", "admin"), f("password", "password", "••••••••")], notes="default pw was on the sticker")
    return '{\n  "accounts": [{\n    "attrs": {"accountName": "%s", "name": "%s", "email": "%s", "uuid": "%s"},\n    "vaults": [{"attrs": {"name": "Personal"}, "items": [\n%s\n    ]}]\n  }]\n}' % (
        p.last + " Family", p.name, M("EMAIL_ADDRESS", p.email()), rs(UP + DIG, 26), ",\n".join(items))

# 20 ---------------------------------------------------------------- Helm values
def helm_values():
    rel = R.choice(["orders-api", "rag-indexer", "billing", "keycloak"])
    L = ["$ helm get values %s -n %s --all" % (rel, R.choice(["prod", "staging"])) if R.random() < .5 else "# values-prod.yaml for %s" % rel, "USER-SUPPLIED VALUES:" if R.random() < .3 else "",
         "image:", "  repository: ghcr.io/acme/%s" % rel, "  tag: v%d.%d.%d" % (R.randint(0, 4), R.randint(0, 30), R.randint(0, 9)), "  digest: sha256:%s" % hexs(64),
         "postgresql:", "  enabled: true", "  auth:", "    username: app"]
    L.append("    password: %s" % (M("PASSWORD_ASSIGNMENT", core.pw()) if want("PASSWORD_ASSIGNMENT", .5) else '""'))
    L += ["    existingSecret: %s-pg" % rel, "redis:", "  auth:"]
    L.append("    password: \"%s\"" % (M("PASSWORD_ASSIGNMENT", core.pw()) if R.random() < .4 else "${REDIS_PASSWORD}"))
    L += ["extraEnv:"]
    for _ in range(R.randint(1, 3)):
        t = pick(*TOK)
        L += ["  - name: %s" % ENV[t], "    value: \"%s\"" % tok(t)]
    if want("DATABASE_URL_WITH_PASSWORD", .5):
        L += ["  - name: DATABASE_URL", "    value: %s" % dburl()]
    k = pick("PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_STORAGE_KEY")
    tail = []
    if k == "PRIVATE_KEY" and R.random() < .45:
        tail = ["", "$ kubectl -n prod get secret %s-tls -o jsonpath='{.data.tls\\.key}' | base64 -d" % rel, pem_in("raw", kind=R.choice(["RSA", "EC", "PKCS8"]))]
        L += ["ingress:", "  tls:", "    - secretName: %s-tls" % rel]
    elif k == "GCP_SERVICE_ACCOUNT_KEY" and R.random() < .5:
        L += ["gcs:", "  bucket: %s-artifacts" % rel, "  existingSecret: gcs-sa"]
        tail = ["", "$ kubectl -n prod get secret gcs-sa -o jsonpath='{.data.key\\.json}' | base64 -d", gcp_text("raw")]
    elif k == "PRIVATE_KEY":
        L += ["ingress:", "  tls:", "    - secretName: %s-tls" % rel, "      hosts: [%s.example.com]" % rel, "  tlsKey: |", "    " + pem_in("yaml", "    ", R.choice(["RSA", "EC", "PKCS8"]))]
        L += ["  tlsCert: |", "    -----BEGIN CERTIFICATE-----", "    MIIB" + core.rs(B62, 60), "    " + core.rs(B62, 40) + "==", "    -----END CERTIFICATE-----"]
    elif k == "GCP_SERVICE_ACCOUNT_KEY":
        L += ["gcs:", "  bucket: %s-artifacts" % rel, "  credentialsJson: |", "    " + gcp_text("yaml", "    ")]
    else:
        L += ["azure:", "  connectionString: \"DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net\"" % (rel.replace("-", "") + rs(DIG, 2), M("AZURE_STORAGE_KEY", core.azure()))]
    L += ["resources:", "  limits: {cpu: 500m, memory: 512Mi}", "podAnnotations:", "  checksum/config: %s" % hexs(64)]
    return "\n".join(x for x in L if x != "") + "\n".join(tail)

# 21 ---------------------------------------------------------------- systemd / supervisord / nomad
def service_units():
    k = R.random()
    t = pick(*TOK)
    if k < .4:
        svc = R.choice(["worker", "ingest", "webhook-relay", "llm-proxy"])
        L = ["# /etc/systemd/system/%s.service" % svc, "[Unit]", "Description=%s" % svc, "After=network-online.target", "", "[Service]", "User=svc", "Environment=\"%s=%s\"" % (ENV[t], tok(t))]
        t2 = pick(*[x for x in TOK if x != t])
        if R.random() < .6: L.append("Environment=%s=%s" % (ENV[t2], tok(t2)))
        if want("DATABASE_URL_WITH_PASSWORD", .5): L.append("Environment=DATABASE_URL=%s" % dburl())
        if want("PASSWORD_ASSIGNMENT", .4): L.append("ExecStart=/opt/%s/bin/%s --listen 0.0.0.0:8080 --admin-password=%s" % (svc, svc, M("PASSWORD_ASSIGNMENT", core.pw())))
        else: L.append("ExecStart=/opt/%s/bin/%s --config /etc/%s.toml" % (svc, svc, svc))
        L += ["EnvironmentFile=-/etc/default/%s" % svc, "Restart=on-failure", "", "[Install]", "WantedBy=multi-user.target"]
    elif k < .7:
        L = ["; /etc/supervisor/conf.d/app.conf", "[program:celery]", "command=/srv/app/.venv/bin/celery -A app worker -l info",
             "environment=%s=\"%s\",BROKER_URL=\"%s\",PYTHONUNBUFFERED=\"1\"" % (ENV[t], tok(t), dburl()), "autorestart=true", "stopwaitsecs=600",
             "", "[program:notifier]", "command=/srv/app/.venv/bin/python -m notifier", "environment=%s=\"%s\"" % (ENV[pick(*[x for x in TOK if x != t])], "@@T2@@"),
             "", "[inet_http_server]", "port=127.0.0.1:9001", "username=admin"]
        L.append("password=%s" % (M("PASSWORD_ASSIGNMENT", core.pw()) if want("PASSWORD_ASSIGNMENT", .6) else "{SHA}" + hexs(40)))
        for i, x in enumerate(L):
            if "@@T2@@" in x:
                envn = x.split("=")[1]
                tt = [k for k, v in ENV.items() if v == envn][0]
                L[i] = x.replace("@@T2@@", tok(tt))
    else:
        L = ['job "%s" {' % R.choice(["api", "scraper", "embedder"]), '  datacenters = ["dc1"]', '  group "app" {', '    task "server" {', '      driver = "docker"',
             '      config { image = "registry.internal/app:%s" }' % hexs(12), '      template {', '        destination = "secrets/app.env"', '        env = true', '        data = <<EOH',
             '%s=%s' % (ENV[t], tok(t))]
        t2 = pick(*[x for x in TOK if x != t])
        L.append('%s=%s' % (ENV[t2], tok(t2)))
        if want("DATABASE_URL_WITH_PASSWORD", .4): L.append("DATABASE_URL=%s" % dburl())
        L.append('VAULT_ADDR=https://vault.service.consul:8200')
        L += ['EOH', '      }', '    }', '  }', '}']
    return "\n".join(L)

# 22 ---------------------------------------------------------------- ALB / CDN access logs
def edge_access_log():
    L = []
    cf = R.random() < .5
    for _ in range(R.randint(3, 7)):
        ip = R.choice([core.ipv4(), core.ipv4(), core.ipv6()])
        q = ""
        k = R.random()
        if k < .35:
            t = pick("GOOGLE_API_KEY", "JWT", "SLACK_TOKEN", "STRIPE_SECRET_KEY", "SENDGRID_API_KEY", "HUGGINGFACE_TOKEN", "TWILIO_API_KEY", "EMAIL_ADDRESS")
            if t == "EMAIL_ADDRESS": q = "?email=%s&src=newsletter" % M("EMAIL_ADDRESS", Person().email())
            else: q = "?%s=%s" % ({"GOOGLE_API_KEY": "key", "JWT": "access_token", "SLACK_TOKEN": "token", "STRIPE_SECRET_KEY": "api_key", "SENDGRID_API_KEY": "sg_key", "HUGGINGFACE_TOKEN": "hf_token", "TWILIO_API_KEY": "sid"}[t], tok(t))
        elif k < .5:
            q = "?utm_source=mail&uid=%s&sig=%s" % (uuid(), hexs(40))
        path = R.choice(["/api/v2/orders", "/maps/geocode", "/login", "/v1/chat/completions", "/static/app.%s.js" % hexs(8)])
        ipm = M("IP_ADDRESS", ip)
        if cf:
            L.append(json.dumps({"ClientIP": "\x00", "ClientRequestHost": "shop.example.com", "ClientRequestMethod": "GET", "ClientRequestURI": path + "\x02Q", "EdgeResponseStatus": R.choice([200, 301, 403, 429]),
                                 "EdgeStartTimestamp": "%sT%02d:%02d:%02dZ" % (rdate(2026, 2026), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)), "RayID": hexs(16), "ClientASN": R.randint(1000, 60000)}).replace('"\\u0000"', '"%s"' % ipm).replace("\\u0002Q", q))
        else:
            L.append('https %sT%02d:%02d:%02d.%06dZ app/prod-alb/%s %s:%d %s:%d 0.001 0.0%d 0.000 200 200 %d %d "GET https://shop.example.com:443%s%s HTTP/1.1" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:%s:targetgroup/web/%s "Root=1-%s-%s"'
                     % (rdate(2026, 2026), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999), hexs(16), ipm if ":" not in ip else "[%s]" % ipm, R.randint(1024, 65535),
                        I("IP_ADDRESS", core.ipv4_private()), 8080, R.randint(1, 9), R.randint(100, 9000), R.randint(100, 90000), path, q, rs(DIG, 12), hexs(16), hexs(8), hexs(24)))
    return "\n".join(L)

# 23 ---------------------------------------------------------------- mitmproxy dump
def mitmproxy_dump():
    ip = core.ipv4()
    t = pick("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "STRIPE_SECRET_KEY", "JWT", "HUGGINGFACE_TOKEN", "GITHUB_TOKEN", "PASSWORD_ASSIGNMENT")
    host = {"OPENAI_API_KEY": "api.openai.com", "ANTHROPIC_API_KEY": "api.anthropic.com", "SENDGRID_API_KEY": "api.sendgrid.com", "TWILIO_API_KEY": "api.twilio.com",
            "STRIPE_SECRET_KEY": "api.stripe.com", "JWT": "api.internal.example", "HUGGINGFACE_TOKEN": "huggingface.co", "GITHUB_TOKEN": "api.github.com", "PASSWORD_ASSIGNMENT": "portal.example.org"}[t]
    L = ["%s:%d: %s https://%s%s" % (M("IP_ADDRESS", ip) if want("IP_ADDRESS", .5) else I("IP_ADDRESS", core.ipv4_private()), R.randint(40000, 65000), "POST", host,
                                    {"api.openai.com": "/v1/chat/completions", "api.anthropic.com": "/v1/messages"}.get(host, "/v1/resource")), "    Host: " + host, "    User-Agent: python-httpx/0.27.%d" % R.randint(0, 2)]
    if t == "ANTHROPIC_API_KEY": L.append("    x-api-key: " + tok(t)); L.append("    anthropic-version: 2023-06-01")
    elif t == "TWILIO_API_KEY": L.append("    Authorization: Basic <%s:%s>  (decoded by mitmproxy)" % (tok(t), rs(B62, 32)))
    elif t == "PASSWORD_ASSIGNMENT": L += ["    Content-Type: application/x-www-form-urlencoded", "", "    username=%s&password=%s&remember=1" % (Person().email().replace("@", "%40"), M("PASSWORD_ASSIGNMENT", core.pw().replace("!", "%21").replace("#", "%23")))]
    else: L.append("    Authorization: Bearer " + tok(t))
    L.append("    Cookie: _ga=GA1.2.%s.%s; session=%s" % (rs(DIG, 10), rs(DIG, 10), tok("JWT") if want("JWT", .3) else "eyJhbGciOiJIUzI1NiJ9." + rs(B62, 12)))
    p = Person()
    L += ["", " << 200 OK %dB" % R.randint(100, 9000), "    content-type: application/json", "    x-request-id: req_%s" % rs(B62, 24)]
    body = {"id": "cus_" + rs(B62, 14), "email": "\x00E", "phone": "\x00P", "created": R.randint(1700000000, 1790000000)}
    s = json.dumps(body).replace('"\\u0000E"', '"%s"' % M("EMAIL_ADDRESS", p.email())).replace('"\\u0000P"', '"%s"' % M("PHONE_NUMBER", phone()))
    L.append("    " + s)
    return "\n".join(L)

# 24 ---------------------------------------------------------------- Reddit thread JSON (r/selfhosted, r/devops ...)
def reddit_thread():
    sub = R.choice(["selfhosted", "devops", "homelab", "learnpython", "CryptoCurrency", "sysadmin"])
    posts = []
    t = pick(*(TOK + ["PRIVATE_KEY", "DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT", "GCP_SERVICE_ACCOUNT_KEY", "CRYPTO_WALLET"]))
    if t == "PRIVATE_KEY": snippet = "here's the key it generated, why does ssh say invalid format?\\n\\n    " + M("PRIVATE_KEY", json.dumps(core.pem(R.choice(["OPENSSH", "RSA", "EC"])).replace("\n", "\n    "))[1:-1])
    elif t == "DATABASE_URL_WITH_PASSWORD": snippet = "my compose file:\\n\\n    environment:\\n      - DATABASE_URL=" + dburl()
    elif t == "PASSWORD_ASSIGNMENT": snippet = "config.ini:\\n\\n    [admin]\\n    user = root\\n    password = " + M("PASSWORD_ASSIGNMENT", core.pw())
    elif t == "GCP_SERVICE_ACCOUNT_KEY": snippet = "credentials.json (redacted some fields lol): " + gcp_text("escaped")
    elif t == "CRYPTO_WALLET": snippet = "if this helped, tips welcome: " + M("CRYPTO_WALLET", core.wallet())
    else: snippet = "traceback says unauthorized but my .env has\\n\\n    %s=%s" % (ENV[t], tok(t))
    posts.append({"kind": "t3", "data": {"subreddit": sub, "title": R.choice(["Help: 401 from API after deploy", "Why is my container crashlooping?", "Script works locally but not in cron"]),
                                         "selftext": "\x00S", "author": "u_" + rs(LO, 8), "id": rs(LO + DIG, 7), "created_utc": R.randint(1700000000, 1790000000), "ups": R.randint(0, 900)}})
    com = []
    for _ in range(R.randint(1, 3)):
        k = R.random()
        if k < .3: c = "Rotate that key NOW, it's public. Also the docs example is AKIAIOSFODNN7EXAMPLE, not a real one."
        elif k < .5: c = "Works for me with `pk_live_%s` on the client side, the secret goes server-side only." % rs(B62, 24)
        elif k < .7: c = "Check the hash of the image: sha256:%s" % hexs(64)
        else: c = "DM me at @@EM@@ if you want help"
        com.append({"kind": "t1", "data": {"body": c, "author": "u_" + rs(LO, 7), "id": rs(LO + DIG, 7), "score": R.randint(-5, 300)}})
    s = json.dumps([{"kind": "Listing", "data": {"children": posts}}, {"kind": "Listing", "data": {"children": com}}], ensure_ascii=False)
    s = s.replace('"\\u0000S"', '"%s"' % snippet)
    while "@@EM@@" in s:
        s = s.replace("@@EM@@", M("EMAIL_ADDRESS", Person().email()), 1)
    s = s.replace("AKIAIOSFODNN7EXAMPLE", I("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"))
    return s

# 25 ---------------------------------------------------------------- negatives only
def negatives_only():
    L = ["# QA fixture list — values that must NOT be redacted (or are documented placeholders)",
         "- doc key: " + I("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE") + " / " + I("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
         "- stripe test card " + I("CREDIT_CARD", "4242 4242 4242 4242") + ", test key " + I("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
         "- sample SSN " + I("US_SSN", "123-45-6789") + ", NHS " + I("UK_NHS", "943 476 5919") + ", NINO " + I("UK_NINO", "QQ123456C") + ", MBI " + I("US_MBI", "1EG4-TE5-MK73"),
         "- IBAN from the spec: " + I("IBAN", "GB82 WEST 1234 5698 7654 32") + "; contact " + I("EMAIL_ADDRESS", "user@example.com"),
         "- invalid-IBAN test: %s" % core.iban_fmt(core.iban_bad()), "- Luhn fail: %s" % core.card_bad(), "- masked: **** **** **** %s, XXX-XX-%s" % (rs(DIG, 4), rs(DIG, 4)),
         "- order %s, tracking 1Z%s, ticket INC%s" % ("%s-%s-%s" % (rs(DIG, 3), rs(DIG, 3), rs(DIG, 4)), rs(UP + DIG, 16), rs(DIG, 7)),
         "- build %d.%d.%d.%d, OID 1.3.6.1.4.1.%d.%d, uuid %s, commit %s" % (R.randint(1, 9), R.randint(0, 20), R.randint(0, 99), R.randint(0, 999), R.randint(1000, 60000), R.randint(1, 9), uuid(), hexs(40)),
         "- bad CRC tokens: %s %s; publishable pk_live_%s" % (core.crc_bad("ghp_"), core.crc_bad("npm_"), rs(B62, 24)),
         "- tx 0x%s; broken address %s" % (hexs(64), core.wallet_bad()), "- truncated JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIi",
         "- postgres://readonly@db.internal:5432/app (no password), password: \"${ADMIN_PASSWORD}\", password_min_length: 12",
         "- ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s ops@bastion" % rs(B62, 43), "- git@github.com:acme/infra.git, @babel/core@7.22.5, logo@2x.png",
         "- bad IDs: CPF %s, PESEL %s, NRIC %s" % (__import__("fam_pii").natbad("BR_CPF"), __import__("fam_pii").natbad("PL_PESEL"), __import__("fam_pii").natbad("SG_NRIC")),
         "- private hosts " + I("IP_ADDRESS", core.ipv4_private()) + ", firmware Build 4.2.11.3, bogus 999.12.4.1"]
    body = L[1:]
    R.shuffle(body)
    return "\n".join(L[:1] + body)

FAMILIES = {"gitlab_ci_yaml": gitlab_ci, "onepassword_1pux": onepassword_1pux, "helm_values": helm_values, "service_unit_configs": service_units,
            "edge_access_log": edge_access_log, "mitmproxy_dump": mitmproxy_dump, "reddit_thread_json": reddit_thread, "negatives_only": negatives_only}
