package deploy_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// composeFile is the part of the compose specification the test reads.
type composeFile struct {
	Name     string                    `yaml:"name"`
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
	Volumes map[string]any `yaml:"volumes"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Build       map[string]string `yaml:"build"`
	Command     []string          `yaml:"command"`
	User        string            `yaml:"user"`
	ReadOnly    bool              `yaml:"read_only"`
	CapDrop     []string          `yaml:"cap_drop"`
	SecurityOpt []string          `yaml:"security_opt"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	Secrets     []string          `yaml:"secrets"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test     []string `yaml:"test"`
		Interval string   `yaml:"interval"`
		Retries  int      `yaml:"retries"`
	} `yaml:"healthcheck"`
}

// TestComposeFile checks deploy/compose.yaml structurally. No Docker engine
// runs here: it parses the file (YAML merge keys resolved as compose does),
// checks that Kafka (KRaft) and MinIO have health checks the weir services
// wait on, that ports bind to loopback, that every weir container is
// non-root, read-only and capability-free, that the files it mounts exist,
// and that weir config check accepts its configuration.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	want := []string{"kafka", "minio", "minio-init", "weir-run", "weir-serve", "weir-tail"}
	var got []string
	for name := range c.Services {
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("services = %v, want %v", got, want)
	}

	kafka := c.Services["kafka"]
	if !strings.HasPrefix(kafka.Image, "apache/kafka:") || strings.HasSuffix(kafka.Image, ":latest") {
		t.Errorf("kafka image %q: want a pinned apache/kafka tag", kafka.Image)
	}
	if roles := kafka.Environment["KAFKA_PROCESS_ROLES"]; roles != "broker,controller" {
		t.Errorf("kafka KAFKA_PROCESS_ROLES = %q, want broker,controller (KRaft, no ZooKeeper)", roles)
	}
	for _, k := range []string{"CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES", "KAFKA_ADVERTISED_LISTENERS"} {
		if kafka.Environment[k] == "" {
			t.Errorf("kafka: %s not set", k)
		}
	}
	if !strings.Contains(kafka.Environment["KAFKA_ADVERTISED_LISTENERS"], "kafka:9092") {
		t.Errorf("kafka must advertise kafka:9092 to the other containers: %q", kafka.Environment["KAFKA_ADVERTISED_LISTENERS"])
	}
	for _, name := range []string{"kafka", "minio"} {
		s := c.Services[name]
		if s.Healthcheck == nil || len(s.Healthcheck.Test) < 2 || s.Healthcheck.Retries == 0 {
			t.Errorf("%s: want a health check with a test and retries, got %+v", name, s.Healthcheck)
		}
		if strings.HasSuffix(s.Image, ":latest") || !strings.Contains(s.Image, ":") {
			t.Errorf("%s image %q: want a pinned tag", name, s.Image)
		}
	}

	for _, tc := range []struct {
		service string
		cmd     string
		port    string // published port, "" for none
		needs   []string
	}{
		{"weir-run", "run", "127.0.0.1:9464:9464", []string{"kafka"}},
		{"weir-serve", "serve", "127.0.0.1:8080:8080", nil},
		{"weir-tail", "tail", "", []string{"kafka", "minio-init"}},
	} {
		s := c.Services[tc.service]
		if len(s.Command) == 0 || s.Command[0] != tc.cmd {
			t.Errorf("%s: command %v, want weir %s", tc.service, s.Command, tc.cmd)
		}
		if s.Build["dockerfile"] != "deploy/Dockerfile" || s.Build["context"] != ".." {
			t.Errorf("%s: build %v, want the repository root with deploy/Dockerfile", tc.service, s.Build)
		}
		if s.User != "65532:65532" || !s.ReadOnly || !slices.Equal(s.CapDrop, []string{"ALL"}) ||
			!slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
			t.Errorf("%s: user %q read_only %v cap_drop %v security_opt %v: want 65532, read-only, no capabilities, no-new-privileges",
				tc.service, s.User, s.ReadOnly, s.CapDrop, s.SecurityOpt)
		}
		if tc.port != "" && !slices.Contains(s.Ports, tc.port) {
			t.Errorf("%s: ports %v, want %s", tc.service, s.Ports, tc.port)
		}
		for _, p := range s.Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("%s: port %q is published on every interface; bind it to 127.0.0.1", tc.service, p)
			}
		}
		for _, dep := range tc.needs {
			cond := s.DependsOn[dep].Condition
			if cond != "service_healthy" && cond != "service_completed_successfully" {
				t.Errorf("%s: depends_on %s condition %q, want it to wait for health or completion", tc.service, dep, cond)
			}
		}
		if s.Environment["WEIR_CONFIG"] != "/etc/weir/weir.yaml" || s.Environment["WEIR_FINGERPRINT_KEY_FILE"] == "" {
			t.Errorf("%s: environment %v, want WEIR_CONFIG and WEIR_FINGERPRINT_KEY_FILE", tc.service, s.Environment)
		}
		for k := range s.Environment {
			if strings.Contains(k, "PASSWORD") && !strings.HasSuffix(k, "_FILE") {
				t.Errorf("%s: %s: weir reads passwords from files (%s_FILE)", tc.service, k, k)
			}
		}
	}
	if s := c.Services["weir-serve"]; s.Environment["WEIR_API_KEYS_FILE"] == "" || !slices.Contains(s.Secrets, "api-keys") {
		t.Errorf("weir-serve: needs WEIR_API_KEYS_FILE and the api-keys secret: %v %v", s.Environment, s.Secrets)
	}
	tail := c.Services["weir-tail"]
	if tail.Environment["WEIR_S3_ENDPOINT"] != "http://minio:9000" || !slices.Contains(tail.Command, "--checkpoint") {
		t.Errorf("weir-tail: environment %v command %v: want MinIO and a checkpoint", tail.Environment, tail.Command)
	}
	if !slices.ContainsFunc(tail.Volumes, func(v string) bool { return strings.HasSuffix(v, ":/var/lib/weir") }) {
		t.Errorf("weir-tail: volumes %v: the checkpoint needs a writable volume at /var/lib/weir", tail.Volumes)
	}

	// Every mounted file and secret exists.
	for name, s := range c.Secrets {
		if _, err := os.Stat(s.File); err != nil {
			t.Errorf("secret %s: %v", name, err)
		}
	}
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src, _, _ := strings.Cut(v, ":")
			if strings.HasPrefix(src, ".") {
				if _, err := os.Stat(src); err != nil {
					t.Errorf("%s: volume %s: %v", name, v, err)
				}
			} else if _, ok := c.Volumes[src]; !ok {
				t.Errorf("%s: volume %s is not declared under volumes", name, src)
			}
		}
	}

	// weir config check accepts the configuration with the container's
	// fingerprint key file.
	out := configCheck(t, filepath.Join("compose", "weir.yaml"), map[string]string{
		"WEIR_FINGERPRINT_KEY_FILE": filepath.Join("compose", "fingerprint-key"),
	})
	if !strings.Contains(out, "kafka.brokers") || !strings.Contains(out, "kafka:9092") {
		t.Errorf("config check output lacks kafka.brokers kafka:9092:\n%s", out)
	}
}
