package corpus

var firstNames = []string{"Olivia", "Liam", "Sneha", "Hugo", "Vikram", "Jamal", "Trevor", "Mei", "Lucas", "Amara",
	"Sofia", "Mateo", "Yuki", "Chen", "Fatima", "Noah", "Elena", "Arjun", "Ingrid", "Kwame", "Priya", "Jonas", "Chloé", "Diego"}

var lastNames = []string{"Wilson", "Gupta", "Martin", "Sánchez", "Reddy", "Smith", "Lopez", "Müller", "Dubois", "Okafor",
	"Tanaka", "Wang", "Rossi", "Kowalski", "Iyer", "Nguyen", "Silva", "Jansen", "Andersson", "Haddad"}

var mailDomains = []string{"gmail.com", "outlook.com", "yahoo.co.uk", "acme-corp.com", "rediffmail.com", "web.de", "orange.fr",
	"protonmail.com", "fastmail.fm", "globex.io", "initech.net", "hospital-north.org"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var cities = []string{"Berlin", "Austin", "Lyon", "Pune", "Osaka", "Leeds", "Porto", "Toronto", "Utrecht", "Kraków", "São Paulo", "Madrid"}

var ticketSubjects = []string{"Cannot log in after password reset", "Refund not received", "Invoice shows wrong address",
	"API returns 500 on /orders", "Account locked", "Update payment details", "Data export request (GDPR)",
	"Webhook deliveries failing", "Need to change billing contact", "Duplicate charge on card"}

var kbTitles = []string{"Rotating service credentials", "Configuring SSO with Okta", "Troubleshooting webhook retries",
	"Exporting customer data", "Setting up the CLI", "Rate limits and quotas", "Migrating to API v3",
	"Connecting to the reporting database", "Incident runbook: payment gateway latency"}

var fillerSentences = []string{
	"Thanks for getting back to me so quickly about reference %s.",
	"The order %s was shipped last Tuesday but tracking still shows nothing.",
	"I upgraded to %s yesterday and the dashboard has been slow since.",
	"Our build pipeline pinned the image to %s, which may explain the mismatch.",
	"The error only appears for request %s, not for the others in the batch.",
	"According to the changelog, %s fixed the timeout issue.",
	"Please see the attached log; the relevant line mentions %s.",
	"We rolled back to commit %s while we investigate.",
	"I already tried clearing the cache and logging in again, no luck (case %s).",
	"Could you escalate this? It is blocking our month-end close, ticket %s.",
	"The invoice total does not match what was quoted in %s.",
	"Firmware %s is installed on all affected devices.",
	"Our auditors asked for the retention policy covering record %s.",
	"The integrity hash we computed was %s, which differs from the published one.",
	"Happy to jump on a call if that is easier; mention %s so we can find the thread.",
	"Nothing changed on our side except the deploy tagged %s.",
}

var hitSentences = []string{
	"For verification purposes, my %s.",
	"Please update the account so the %s is the one on file.",
	"You can reach the customer with %s if anything else is needed.",
	"As requested: %s (please do not share this further).",
	"The config that failed contained %s in plain text.",
	"Our records show %s for this account.",
	"The caller gave %s and asked us to confirm it.",
}

var csvNotes = []string{"", "gift wrap", "call before delivery", "leave at reception", "VIP", "split shipment", "n/a"}

var userAgents = []string{"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "okhttp/4.12.0", "python-requests/2.31.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"}

var logMsgs = []string{"request completed", "upstream timeout", "retrying job", "auth failed", "cache miss",
	"payment authorized", "user profile updated", "webhook delivered", "rate limit exceeded", "connection reset by peer"}

var codeHeaders = []string{
	"import os\nimport json\nimport logging\n\nlog = logging.getLogger(__name__)\n\n",
	"#!/usr/bin/env python3\n\"\"\"Sync job for the reporting warehouse.\"\"\"\nimport requests\n\n",
	"// Package client talks to the billing API.\npackage client\n\nimport (\n\t\"context\"\n\t\"net/http\"\n)\n\n",
	"'use strict';\nconst express = require('express');\nconst app = express();\n\n",
}

var codeBodies = []string{
	"def fetch(session, url, retries=3):\n    for attempt in range(retries):\n        resp = session.get(url, timeout=10)\n        if resp.status_code == 200:\n            return resp.json()\n        log.warning(\"retry %d for %s\", attempt, url)\n    raise RuntimeError(\"giving up\")\n\n",
	"func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {\n\treq = req.WithContext(ctx)\n\treq.Header.Set(\"User-Agent\", \"billing-client/1.4\")\n\treturn c.http.Do(req)\n}\n\n",
	"app.get('/health', (req, res) => {\n  res.json({ status: 'ok', uptime: process.uptime() });\n});\n\n",
	"class Cache:\n    def __init__(self, ttl=300):\n        self.ttl = ttl\n        self._data = {}\n\n    def get(self, key):\n        return self._data.get(key)\n\n",
	"for (const row of rows) {\n  if (!row.id) continue;\n  totals[row.region] = (totals[row.region] || 0) + row.amount;\n}\n\n",
	"# TODO: move to the secrets manager before launch\n",
}

type langHit struct {
	typ  string
	tmpl string
	gen  func(*Gen) string
}

type lang struct {
	filler []string
	hits   []langHit
}

var langs = []lang{
	{ // German
		filler: []string{"Vielen Dank für Ihre schnelle Antwort zu Vorgang %s.", "Die Bestellung %s ist leider noch nicht angekommen.", "Nach dem Update auf %s funktioniert der Export nicht mehr."},
		hits: []langHit{
			{"EMAIL_ADDRESS", "Bitte schreiben Sie mir an %s.", (*Gen).email},
			{"IBAN", "Meine IBAN lautet %s, bitte überweisen Sie den Betrag zurück.", (*Gen).iban},
			{"PHONE_NUMBER", "Sie erreichen mich unter %s.", (*Gen).phone},
			{"DATE_OF_BIRTH", "Geburtsdatum: %s.", (*Gen).date},
		},
	},
	{ // French
		filler: []string{"Merci pour votre retour concernant le dossier %s.", "La commande %s n'a toujours pas été livrée.", "Depuis la version %s, la synchronisation échoue."},
		hits: []langHit{
			{"EMAIL_ADDRESS", "Vous pouvez me contacter à %s.", (*Gen).email},
			{"IBAN", "Voici mon IBAN : %s.", (*Gen).iban},
			{"PHONE_NUMBER", "Mon numéro de téléphone est le %s.", (*Gen).phone},
			{"CREDIT_CARD", "J'ai payé avec la carte %s.", (*Gen).creditCard},
		},
	},
	{ // Spanish
		filler: []string{"Gracias por su respuesta sobre el caso %s.", "El pedido %s sigue sin llegar.", "Desde la versión %s no puedo iniciar sesión."},
		hits: []langHit{
			{"ES_NIF", "Mi DNI es %s.", (*Gen).esNIF},
			{"EMAIL_ADDRESS", "Escríbame a %s, por favor.", (*Gen).email},
			{"IBAN", "Mi cuenta IBAN es %s.", (*Gen).iban},
		},
	},
	{ // Portuguese
		filler: []string{"Obrigado pelo retorno sobre o chamado %s.", "O pedido %s ainda não chegou."},
		hits: []langHit{
			{"BR_CPF", "Meu CPF é %s.", (*Gen).brCPF},
			{"PHONE_NUMBER", "Meu telefone é %s.", (*Gen).phone},
		},
	},
	{ // Hindi
		filler: []string{"आपके जवाब के लिए धन्यवाद, संदर्भ %s।", "ऑर्डर %s अभी तक नहीं पहुँचा है।"},
		hits: []langHit{
			{"IN_AADHAAR", "मेरा आधार नंबर %s है।", (*Gen).aadhaar},
			{"PHONE_NUMBER", "मेरा मोबाइल नंबर %s है।", (*Gen).phone},
			{"EMAIL_ADDRESS", "ईमेल %s पर भेजें।", (*Gen).email},
		},
	},
	{ // Japanese
		filler: []string{"ご対応ありがとうございます。問い合わせ番号 %s の件です。", "注文 %s がまだ届いていません。"},
		hits: []langHit{
			{"EMAIL_ADDRESS", "連絡先メールアドレスは %s です。", (*Gen).email},
			{"PHONE_NUMBER", "電話番号は %s です。", (*Gen).phone},
		},
	},
	{ // Chinese
		filler: []string{"感谢您的回复，工单编号 %s。", "订单 %s 仍未送达。"},
		hits: []langHit{
			{"EMAIL_ADDRESS", "请发送邮件至 %s。", (*Gen).email},
			{"CREDIT_CARD", "我的信用卡号是 %s。", (*Gen).creditCard},
		},
	},
}
