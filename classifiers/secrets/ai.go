package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// AI provider keys: OpenAI, Anthropic, Hugging Face.

var openAIContext = []string{"openai", "openai_api_key", "api key", "api_key", "apikey", "gpt", "chatgpt", "bearer"}

func aiSpecs() []detector.Spec {
	return []detector.Spec{
		{
			// Every OpenAI key format carries the fixed infix T3BlbkFJ
			// (base64 of "OpenAI"); the window reaches back to the sk- prefix.
			ID: "openai_api_key", Type: "OPENAI_API_KEY", Category: detector.Secret,
			Keywords: []string{"T3BlbkFJ"},
			Before:   200, After: 200,
			Pattern: `(?:^|[^A-Za-z0-9_-])(sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})` +
				`(?:[^A-Za-z0-9_-]|$)`,
			Group:         1,
			ValidatorName: "infix_T3BlbkFJ",
			Confidence:    0.95,
			Context:       openAIContext,
			Examples: []string{
				"OPENAI_API_KEY=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",
				"openai:\n  api_key: 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\n  model: gpt-4o-mini",
				`openai.api_key = "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"`,
			},
			Negatives: []string{
				"OPENAI_API_KEY=sk-ZLjwlBw7Vi8uWIRNIO1yT3BlbkFXJ58MAbSxmLqt5dkZJ3YC", // infix broken
				"OPENAI_API_KEY=pk-ZLjwlBw7Vi8uWIRNIO1yT3BlbkFJJ58MAbSxmLqt5dkZJ3YC", // wrong prefix
				"OPENAI_API_KEY=sk-ZLjwlBw7T3BlbkFJJ58MAb",                           // halves too short
				"OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx", // filler
			},
		},
		{
			// Project/service-account/admin keys without the infix (newer formats).
			ID: "openai_api_key_prefixed", Type: "OPENAI_API_KEY", Category: detector.Secret,
			Keywords: []string{"sk-proj-", "sk-svcacct-", "sk-admin-"},
			Before:   8, After: 256,
			Pattern:       `(?:^|[^A-Za-z0-9_-])(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,})(?:[^A-Za-z0-9_-]|$)`,
			Group:         1,
			Validator:     mixedCase,
			ValidatorName: "mixed_case",
			Confidence:    0.85,
			Context:       openAIContext,
			Examples: []string{
				"OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x",
				`client = OpenAI(api_key="sk-svcacct-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAzYxWvUtSrQpOnMlKjIhGf")`,
				"export OPENAI_API_KEY=sk-admin-Qw1Er2Ty3Ui4Op5As6Df7Gh8Jk9Lz0Xc1Vb2Nm3Qw4Er5Ty6Ui7Op8",
			},
			Negatives: []string{
				"OPENAI_API_KEY=sk-proj-abc123",                                    // too short
				"OPENAI_API_KEY=sk-proj-your-api-key-goes-here-replace-this-value", // one case
				"OPENAI_API_KEY=sk-prod-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x",
			},
		},
		{
			ID: "anthropic_api_key", Type: "ANTHROPIC_API_KEY", Category: detector.Secret,
			Keywords: []string{"sk-ant-"},
			Before:   8, After: 160,
			Pattern:       `(?:^|[^A-Za-z0-9_-])(sk-ant-[a-z]{3,6}[0-9]{2}-[A-Za-z0-9_-]{80,}AA)(?:[^A-Za-z0-9_-]|$)`,
			Group:         1,
			ValidatorName: "suffix_AA",
			Confidence:    0.95,
			Context:       []string{"anthropic", "anthropic_api_key", "claude", "api key", "api_key", "x-api-key"},
			Examples: []string{
				`ANTHROPIC_API_KEY="sk-ant-api03-4CUTmV43ZqyiVhCcy9Zu0-Gc8vFJt8ZJZqtzZuQ4QfLufbfsxij4CXfbuVrMvgNl4q5xC8zXuknzj300ZdqxWlYDlBckkAA"`,
				`client = anthropic.Anthropic(api_key="sk-ant-api03-UYo7PbDM5EQeUJrU6_80skgF1CorLRPIbCnW3-zZivI34d9KJ559dUSSPJuGEOxWJ4tauo6UQmiHKmJChC92pBmkMMRicAA")`,
				"curl -H 'x-api-key: sk-ant-admin01-cZT60dkpX15BYoOCDXxZBNuknxx52w61c0-Iev2oxpBsXxah-i1owAfpTGx3439NoFhIMoFWQTE2nsgvOn5VnIttzi-jtAA'",
			},
			Negatives: []string{
				"ANTHROPIC_API_KEY=sk-ant-api03-4CUTmV43ZqyiVhCcy9Zu0-Gc8vFJt8ZJZqtzZuQ4QfLufbfsxij4CXfbuVrMvgNl4q5xC8zXuknzj300ZdqxWlYDlBckkAB", // suffix
				"ANTHROPIC_API_KEY=sk-ant-api03-4CUTmV43ZqyiVhCcy9Zu0AA",                                                                         // short
				"ANTHROPIC_API_KEY=sk-xyz-api03-4CUTmV43ZqyiVhCcy9Zu0-Gc8vFJt8ZJZqtzZuQ4QfLufbfsxij4CXfbuVrMvgNl4q5xC8zXuknzj300ZdqxWlYDlBckkAA", // prefix
			},
		},
		{
			ID: "huggingface_token", Type: "HUGGINGFACE_TOKEN", Category: detector.Secret,
			Keywords: []string{"hf_"},
			Before:   8, After: 48,
			Pattern:       `(?:^|[^A-Za-z0-9_])(hf_[A-Za-z0-9]{34})\b`,
			Group:         1,
			Validator:     mixedCase,
			ValidatorName: "mixed_case",
			Confidence:    0.85,
			Context:       []string{"huggingface", "hugging face", "hf_token", "hf", "huggingface_hub", "token", "login"},
			Examples: []string{
				"HF_TOKEN=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",
				`login(token="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")`,
				`  HF_TOKEN: "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"`,
			},
			Negatives: []string{
				"HF_TOKEN=hf_NevCbvlESNrHYOCtUHlMcFhyWzkeGENXB",   // 33
				"HF_TOKEN=hf_NevCbvlESNrHYOCtUHlMcFhyWzkeGENXBwQ", // 35
				"def hf_abcdefghijklmnopqrstuvwxyzabcdefgh(): pass",
				"HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			},
		},
	}
}
