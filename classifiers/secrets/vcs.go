package secrets

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Source hosting and package registry tokens: GitHub, GitLab, npm, PyPI.

func vcsSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "github_token_classic", Type: "GITHUB_TOKEN", Category: detector.Secret,
			Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"},
			Before:   8, After: 48,
			Pattern:       `(?:^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36})\b`,
			Group:         1,
			Validator:     checksum.TokenCRC32,
			ValidatorName: "crc32_base62",
			Confidence:    0.95,
			Context:       []string{"github", "gh_token", "github_token", "token", "octokit", "pat"},
			Examples: []string{
				"GITHUB_TOKEN=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",
				`const octokit = new Octokit({ auth: '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' });`,
				`  GH_TOKEN: "ghu_p2kTY7xO5ZIredutNaCj42gEnI5sEt4YFg1G"`,
				"git clone https://x-access-token:ghs_6OHTerNANMDgHixhf4ceAYkFATOHxe22nQyz@github.com/acme/app.git",
				"refresh with 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",
			},
			Negatives: []string{
				"GITHUB_TOKEN=ghp_e71lHFE8l6hlvY5bR215DEWc1ZCjfi1ZcD48", // checksum off by one
				"GITHUB_TOKEN=ghp_f71lHFE8l6hlvY5bR215DEWc1ZCjfi1ZcD47", // body changed
				"GITHUB_TOKEN=ghx_e71lHFE8l6hlvY5bR215DEWc1ZCjfi1ZcD47", // wrong prefix
				"Paste your token (looks like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) into the field.",
				"GITHUB_TOKEN=ghp_e71lHFE8l6hlvY5bR215DEWc1ZCjfi1ZcD4", // too short
			},
		},
		{
			ID: "github_token_fine_grained", Type: "GITHUB_TOKEN", Category: detector.Secret,
			Keywords: []string{"github_pat_"},
			Before:   8, After: 112,
			Pattern:    `(?:^|[^A-Za-z0-9_])(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"github", "gh_token", "github_token", "token", "octokit", "pat"},
			Examples: []string{
				`const githubToken = "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"`,
				"GITHUB_TOKEN=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",
				"export GH_TOKEN=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",
			},
			Negatives: []string{
				"Paste your token (looks like github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) into the field.",
				"GITHUB_TOKEN=github_pat_1194U851BXY1JV62JTLMR4_O0ztWpnRJr8hTgZAXCeSJ6ZpKdtmSuYOxRdIAW4lWAl8t5aC2NyJl", // short tail
				"GITHUB_TOKEN=gitlab_pat_1194U851BXY1JV62JTLMR4_O0ztWpnRJr8hTgZAXCeSJ6ZpKdtmSuYOxRdIAW4lWAl8t5aC2NyJlVzRWMs",
			},
		},
		{
			ID: "gitlab_token", Type: "GITLAB_TOKEN", Category: detector.Secret,
			Keywords: []string{"glpat-", "glrt-", "glrtr-", "gldt-", "glft-", "glcbt-", "glptt-", "glsoat-", "gloas-", "glimt-", "glagent-", "glffct-"},
			Before:   8, After: 96,
			Pattern: `(?:^|[^A-Za-z0-9_-])(gl(?:pat|rtr|rt|dt|ft|cbt|ptt|soat|oas|imt|agent|ffct)-[A-Za-z0-9_-]{20,80}` +
				`(?:\.[0-9a-z]{2}[0-9a-z]{7})?)(?:[^A-Za-z0-9_-]|$)`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"gitlab", "gl_token", "gitlab_token", "token", "private-token", "runner"},
			Examples: []string{
				"GITLAB_TOKEN=glpat-jnLhwqmNeIRVK4DJfH5k",
				`const glToken = "gldt-CSzzU91TqeME4ulitFSu"`,
				`curl --header "PRIVATE-TOKEN: glpat-eenEfK8Ks6wIFAP_hfoL" https://gitlab.acme.io/api/v4/projects`,
				"runner token glrt-BKgd5LOzf7tvwJR61HdV registered",
			},
			Negatives: []string{
				"GITLAB_TOKEN=glpat-jnLhwqmNeIRVK4DJfH5",  // 19 chars
				"GITLAB_TOKEN=glxyz-jnLhwqmNeIRVK4DJfH5k", // wrong prefix
				"GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx",
				"GITLAB_TOKEN=${GITLAB_TOKEN}",
			},
		},
		{
			ID: "npm_token", Type: "NPM_TOKEN", Category: detector.Secret,
			Keywords: []string{"npm_"},
			Before:   8, After: 48,
			Pattern:       `(?:^|[^A-Za-z0-9_])(npm_[A-Za-z0-9]{36})\b`,
			Group:         1,
			Validator:     checksum.TokenCRC32,
			ValidatorName: "crc32_base62",
			Confidence:    0.95,
			Context:       []string{"npm", "npm_token", "npmrc", "registry", "_authtoken", "authtoken"},
			Examples: []string{
				"NPM_TOKEN=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",
				"//registry.npmjs.org/:_authToken=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",
				`      NPM_TOKEN: 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`,
			},
			Negatives: []string{
				"NPM_TOKEN=npm_fT9G8FlZYGlbRvbPNE8WV5m3t79eAo1oFYgi", // wrong checksum
				"NPM_TOKEN=npm_gT9G8FlZYGlbRvbPNE8WV5m3t79eAo1oFYgh", // body changed
				"NPM_TOKEN=npx_fT9G8FlZYGlbRvbPNE8WV5m3t79eAo1oFYgh", // wrong prefix
				"NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			},
		},
		{
			ID: "pypi_token", Type: "PYPI_TOKEN", Category: detector.Secret,
			Keywords: []string{"pypi-AgEIcHlwaS5vcmc"},
			Before:   8, After: 2048,
			Pattern:       `(?:^|[^A-Za-z0-9_-])(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{60,})(?:[^A-Za-z0-9_-]|$)`,
			Group:         1,
			Validator:     checksum.PyPIMacaroon,
			ValidatorName: "pypi_macaroon",
			Confidence:    0.95,
			Context:       []string{"pypi", "twine", "pypirc", "password", "token"},
			Examples: []string{
				"PYPI_API_TOKEN=" + pypiExample,
				"[pypi]\nusername = __token__\npassword = " + pypiExample + "\n",
				"twine upload -u __token__ -p " + pypiExample + " dist/*",
			},
			Negatives: []string{
				"PYPI_API_TOKEN=pypi-AgEIcHlwaS5vcmcCJDY1MTMy",            // truncated
				"PYPI_API_TOKEN=pypi-AgENdGVzdC5weXBpLm9yZwIkNjUxMzI3MGU", // test.pypi.org, other prefix
				"PYPI_API_TOKEN=pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			},
		},
	}
}

// pypiExample is a structurally valid PyPI macaroon (random identifier and
// signature, caveat {"version": 1, "permissions": "user"}).
const pypiExample = "pypi-AgEIcHlwaS5vcmcCJDY1MTMyNzBlLTI2OWUtMGQzNy1mMmE3LTRkZTQ1MmU2YjQzOAACJXsidmVyc2lvbiI6IDEsICJwZXJtaXNzaW9ucyI6ICJ1c2VyIn0AAAYgpgwS0okYXZUO6IE2CRZvaxE9F41sD9OQH_I5oaCV8g8"
