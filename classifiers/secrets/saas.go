package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// SaaS API credentials: Slack, Stripe, SendGrid, Twilio.

func saasSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "slack_token", Type: "SLACK_TOKEN", Category: detector.Secret,
			Keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxe.", "xoxr-", "xoxs-", "xoxo-", "xoxc-", "xapp-"},
			Before:   8, After: 256,
			Pattern:    `(?:^|[^A-Za-z0-9_.-])((?:xoxe\.)?(?:xox[abceoprs]|xapp)-[0-9]{1,20}-[A-Za-z0-9-]{8,}[A-Za-z0-9])(?:[^A-Za-z0-9_-]|$)`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"slack", "slack_bot_token", "slack_token", "bot token", "token", "webclient"},
			Examples: []string{
				"SLACK_BOT_TOKEN=xoxb-55974617112-5720804542792-HHTB6flU3RwCQfAjpB7cg4bz",
				`SLACK_USER_TOKEN="xoxp-00440388644-504789267923-7384550548493-4e3aa665dda634a3fcd2ae12f6ca3a34"`,
				"calling slack api with token=xapp-1-AYEZUKXO59E-7361506444937-d4b2dc6773405caa0f673d3182ba0ad7fac1c3ae9965a23a63e87bd4b0d04c26",
				"refresh: xoxe.xoxp-1-Mi0yLTE0NzQ1NjQ3MDItNTYxMjQ1NjQ3ODktMTIzNDU2Nzg5MA",
			},
			Negatives: []string{
				"SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx",
				"SLACK_BOT_TOKEN=xoxq-55974617112-5720804542792-HHTB6flU3RwCQfAjpB7cg4bz", // wrong prefix
				"SLACK_BOT_TOKEN=xoxb-",
				"SLACK_BOT_TOKEN=xoxb-your-bot-token",
			},
		},
		{
			ID: "slack_webhook_url", Type: "SLACK_WEBHOOK_URL", Category: detector.Secret,
			Keywords: []string{"hooks.slack.com/"},
			Before:   16, After: 160,
			Pattern: `((?:https?://)?hooks\.slack\.com/(?:services/[A-Za-z0-9]{6,16}/[A-Za-z0-9]{6,16}/[A-Za-z0-9]{16,40}|` +
				`(?:workflows|triggers)/[A-Za-z0-9]{6,16}/(?:[A-Za-z0-9]{6,16}/)?[0-9]{6,24}/[A-Za-z0-9]{16,40}))(?:[^A-Za-z0-9]|$)`,
			Group:      1,
			Confidence: 0.95,
			Context:    []string{"slack", "webhook", "slack_webhook_url", "incoming webhook"},
			Placeholders: []string{
				"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
				"hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
			},
			Examples: []string{
				"SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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",
				`await fetch("https://hooks.slack.com/services/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", { method: 'POST' })`,
				"slack:\n  webhook: https://hooks.slack.com/services/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\n",
				"trigger https://hooks.slack.com/triggers/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",
			},
			Negatives: []string{
				"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
				"see https://hooks.slack.com/services/ for setup",
				"https://api.slack.com/messaging/webhooks",
				"https://hooks.slack.com/services/TRF5CRHA1/B4KSBU4HQ3W/short",
			},
		},
		{
			ID: "stripe_secret_key", Type: "STRIPE_SECRET_KEY", Category: detector.Secret,
			Keywords: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_"},
			Before:   8, After: 112,
			Pattern:    `(?:^|[^A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99})\b`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"stripe", "stripe_key", "stripe_secret_key", "stripe_api_key", "secret key", "charges"},
			Placeholders: []string{
				"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
				"sk_test_26PHem9AhJZvU623DfE1x4sd", "rk_test_26PHem9AhJZvU623DfE1x4sd",
			},
			Examples: []string{
				`STRIPE_SECRET_KEY="sk_live_byOXCr0MAEVsTJHptHAxt0Mz"`,
				"POST /v1/charges failed key=rk_live_Bz4873nBVmFmqcICcSyC8eVI status=401",
				`const stripe = require('stripe')('sk_test_Zeaz5uWC2DxyMjbe2p4NAnMS');`,
				"STRIPE_KEY=sk_live_51HqLyjWDarjtT1zdp7dcAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
			},
			Negatives: []string{
				`STRIPE_PUBLISHABLE_KEY="pk_live_byOXCr0MAEVsTJHptHAxt0Mz"`,
				`const stripe = Stripe('pk_test_Zeaz5uWC2DxyMjbe2p4NAnMS');`,
				"stripe key sk_test_4eC39HqLyjWDarjtT1zdp7dc (docs)",
				"STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
				"STRIPE_KEY=sk_live_byOXCr0MAEVsTJHpt", // too short
			},
		},
		{
			ID: "sendgrid_api_key", Type: "SENDGRID_API_KEY", Category: detector.Secret,
			Keywords: []string{"SG."},
			Before:   8, After: 80,
			Pattern:    `(?:^|[^A-Za-z0-9_.-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"sendgrid", "sendgrid_api_key", "sgmail", "api key", "smtp"},
			Examples: []string{
				"SENDGRID_API_KEY=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",
				`sgMail.setApiKey('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');`,
				"smtp password: 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",
			},
			Negatives: []string{
				"SENDGRID_API_KEY=SG.H-iNP_ZDovrrx2vWLRWE2g.1Ma2bENTM15g1ar6xc3DVryrMxvlCu_v5sDbxTz8UM", // 42
				"SENDGRID_API_KEY=SG.H-iNP_ZDovrrx2vWLRWE2.1Ma2bENTM15g1ar6xc3DVryrMxvlCu_v5sDbxTz8UMA", // 21
				"SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"msg.send(payload)",
			},
		},
		{
			// Twilio API key SIDs: "SK" + 32 lower-case hex. The keyword "SK"
			// fires on "ask", "task", ..., so the window is tiny.
			ID: "twilio_api_key", Type: "TWILIO_API_KEY", Category: detector.Secret,
			Keywords: []string{"SK"},
			Before:   4, After: 36,
			Pattern: `(?:^|[^A-Za-z0-9_])(SK[0-9a-f]{32})\b`,
			Group:   1,
			// High enough to survive a generic "KEY" / "apiKey" label, which
			// is a password context word.
			Confidence: 0.85,
			Context:    []string{"twilio", "api key", "api_key", "apikey", "key sid", "key_sid", "sid", "username"},
			Need:       detector.ContextHelps,
			Examples: []string{
				"TWILIO_API_KEY=SK0f5edfad08c61612c354b9dd79ffc411",
				`client := twilio.NewRestClientWithParams(twilio.ClientParams{Username: "SK10de3686c64e06c143349831f314a89e"})`,
				`  TWILIO_KEY_SID: "SK4ac828d1f1c5e55073793d85a0a0622a"`,
				`    static final String KEY = "SK4bbe93bb5f33e9859deef04468cedf34";`,
			},
			Negatives: []string{
				"TWILIO_API_KEY=SK0f5edfad08c61612c354b9dd79ffc41",      // 31 hex
				"TWILIO_API_KEY=SK0F5EDFAD08C61612C354B9DD79FFC411",     // upper-case hex
				"TWILIO_ACCOUNT_SID=AC0f5edfad08c61612c354b9dd79ffc411", // account SID, not a key
				"md5 sk0f5edfad08c61612c354b9dd79ffc411",
			},
		},
	}
}
