package deploy_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const chartDir = "helm/weir"

// helmBin returns $WEIR_HELM or skips the test.
func helmBin(t *testing.T) string {
	t.Helper()
	h := os.Getenv("WEIR_HELM")
	if h == "" {
		t.Skip("WEIR_HELM is not set: run the Helm chart tests with `scripts/helm.sh run go test ./deploy/...` " +
			"(builds a pinned Helm from the Go module proxy once)")
	}
	return h
}

// helm runs the helm binary and returns its stdout; err holds stderr.
func helm(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(helmBin(t), args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return out.String(), errors.New(strings.TrimSpace(stderr.String()))
	}
	return out.String(), nil
}

// object is one rendered Kubernetes object.
type object struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name        string            `yaml:"name"`
		Labels      map[string]string `yaml:"labels"`
		Annotations map[string]string `yaml:"annotations"`
	} `yaml:"metadata"`
	Spec       yaml.Node         `yaml:"spec"`
	Data       map[string]string `yaml:"data"`
	StringData map[string]string `yaml:"stringData"`
}

type deployment struct {
	Replicas int `yaml:"replicas"`
	Strategy struct {
		Type string `yaml:"type"`
	} `yaml:"strategy"`
	Selector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	} `yaml:"selector"`
	Template struct {
		Metadata struct {
			Labels map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
		Spec podSpec `yaml:"spec"`
	} `yaml:"template"`
}

type podSpec struct {
	AutomountServiceAccountToken *bool `yaml:"automountServiceAccountToken"`
	SecurityContext              struct {
		RunAsNonRoot   *bool `yaml:"runAsNonRoot"`
		RunAsUser      int   `yaml:"runAsUser"`
		SeccompProfile struct {
			Type string `yaml:"type"`
		} `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers []container `yaml:"containers"`
	Volumes    []struct {
		Name   string `yaml:"name"`
		Secret *struct {
			SecretName string `yaml:"secretName"`
		} `yaml:"secret"`
		ConfigMap *struct {
			Name string `yaml:"name"`
		} `yaml:"configMap"`
	} `yaml:"volumes"`
}

type container struct {
	Name  string   `yaml:"name"`
	Image string   `yaml:"image"`
	Args  []string `yaml:"args"`
	Env   []struct {
		Name      string         `yaml:"name"`
		Value     *string        `yaml:"value"`
		ValueFrom map[string]any `yaml:"valueFrom"`
	} `yaml:"env"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
		ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		Privileged               *bool `yaml:"privileged"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
			Add  []string `yaml:"add"`
		} `yaml:"capabilities"`
		SeccompProfile struct {
			Type string `yaml:"type"`
		} `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		SubPath   string `yaml:"subPath"`
	} `yaml:"volumeMounts"`
}

type probe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
		Port any    `yaml:"port"`
	} `yaml:"httpGet"`
}

// render runs helm template with extra args and decodes every object.
func render(t *testing.T, args ...string) []object {
	t.Helper()
	out, err := helm(t, append([]string{"template", "weir", chartDir}, args...)...)
	if err != nil {
		t.Fatalf("helm template %v: %v", args, err)
	}
	dec := yaml.NewDecoder(strings.NewReader(out))
	var objs []object
	for {
		var o object
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("helm template %v: rendered YAML: %v", args, err)
		}
		if o.Kind != "" {
			objs = append(objs, o)
		}
	}
	return objs
}

func find(objs []object, kind, name string) *object {
	for i := range objs {
		if objs[i].Kind == kind && objs[i].Metadata.Name == name {
			return &objs[i]
		}
	}
	return nil
}

func names(objs []object, kind string) []string {
	var out []string
	for _, o := range objs {
		if o.Kind == kind {
			out = append(out, o.Metadata.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestHelmLint(t *testing.T) {
	for _, values := range []string{"", "ci/all-roles-values.yaml"} {
		args := []string{"lint", "--strict", chartDir}
		if values != "" {
			args = append(args, "-f", filepath.Join(chartDir, values))
		}
		if out, err := helm(t, args...); err != nil {
			t.Errorf("helm %v: %v\n%s", args, err, out)
		}
	}
}

// TestHelmTemplate renders the chart with the default values and with every
// role on, and checks each Deployment: present exactly when its role is
// enabled, non-root with a read-only root filesystem and no capabilities,
// resources on every container, and HTTP probes on /healthz and /readyz
// naming a declared port (except weir tail, which serves no HTTP yet).
func TestHelmTemplate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		deploys []string
		pdbs    []string
		monitor []string
		secret  bool
	}{
		{name: "default", deploys: []string{"weir-run"}, pdbs: []string{"weir-run"}},
		{name: "all roles", args: []string{"-f", filepath.Join(chartDir, "ci/all-roles-values.yaml")},
			deploys: []string{"weir-proxy", "weir-run", "weir-serve", "weir-tail"},
			pdbs:    []string{"weir-run", "weir-serve"},
			monitor: []string{"weir-proxy", "weir-run", "weir-serve"}, secret: true},
		{name: "run off", args: []string{"--set", "run.enabled=false"}},
		{name: "run without PDB", args: []string{"--set", "run.podDisruptionBudget.enabled=false"}, deploys: []string{"weir-run"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			objs := render(t, tc.args...)
			if got := names(objs, "Deployment"); !slices.Equal(got, tc.deploys) {
				t.Errorf("Deployments = %v, want %v", got, tc.deploys)
			}
			if got := names(objs, "PodDisruptionBudget"); !slices.Equal(got, tc.pdbs) {
				t.Errorf("PodDisruptionBudgets = %v, want %v", got, tc.pdbs)
			}
			if got := names(objs, "ServiceMonitor"); !slices.Equal(got, tc.monitor) {
				t.Errorf("ServiceMonitors = %v, want %v", got, tc.monitor)
			}
			if find(objs, "ConfigMap", "weir") == nil {
				t.Errorf("no ConfigMap weir")
			}
			if got := find(objs, "Secret", "weir") != nil; got != tc.secret {
				t.Errorf("Secret present = %v, want %v", got, tc.secret)
			}
			for _, o := range objs {
				if o.Kind == "Deployment" {
					for _, p := range deploymentProblems(o) {
						t.Error(p)
					}
				}
			}
		})
	}
}

// deploymentProblems lists what is wrong with a rendered Deployment.
func deploymentProblems(o object) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var d deployment
	if err := o.Spec.Decode(&d); err != nil {
		return []string{fmt.Sprintf("%s: %v", o.Metadata.Name, err)}
	}
	name := o.Metadata.Name
	role := strings.TrimPrefix(name, "weir-")
	for k, v := range d.Selector.MatchLabels {
		if d.Template.Metadata.Labels[k] != v {
			bad("%s: selector %s=%s does not match the pod labels %v", name, k, v, d.Template.Metadata.Labels)
		}
	}
	if d.Selector.MatchLabels["app.kubernetes.io/component"] != role {
		bad("%s: selector %v lacks component %s (roles would select each other's pods)", name, d.Selector.MatchLabels, role)
	}
	pod := d.Template.Spec
	if pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot || pod.SecurityContext.RunAsUser == 0 ||
		pod.SecurityContext.SeccompProfile.Type != "RuntimeDefault" {
		bad("%s: pod securityContext %+v: want runAsNonRoot, a non-zero uid, seccomp RuntimeDefault", name, pod.SecurityContext)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		bad("%s: the service account token is mounted; weir needs no Kubernetes API access", name)
	}
	if role == "tail" && (d.Replicas != 1 || d.Strategy.Type != "Recreate") {
		bad("tail: replicas %d strategy %q: want exactly one tailer (1, Recreate)", d.Replicas, d.Strategy.Type)
	}
	if len(pod.Containers) == 0 {
		bad("%s: no containers", name)
	}
	for _, c := range pod.Containers {
		where := name + "/" + c.Name
		sc := c.SecurityContext
		if sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
			sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || (sc.Privileged != nil && *sc.Privileged) ||
			!slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) || len(sc.Capabilities.Add) > 0 ||
			sc.SeccompProfile.Type != "RuntimeDefault" {
			bad("%s: securityContext %+v: want runAsNonRoot, readOnlyRootFilesystem, no privilege escalation, drop ALL, seccomp RuntimeDefault", where, sc)
		}
		for _, r := range []string{"cpu", "memory"} {
			if c.Resources.Requests[r] == "" {
				bad("%s: no %s request", where, r)
			}
		}
		if c.Resources.Limits["memory"] == "" {
			bad("%s: no memory limit", where)
		}
		if len(c.Args) == 0 || c.Args[0] != role {
			bad("%s: args %v, want weir %s", where, c.Args, role)
		}
		for _, a := range c.Args {
			if strings.Contains(strings.ToLower(a), "password") || strings.Contains(strings.ToLower(a), "secret") {
				bad("%s: argument %q: credentials come from files or the environment, never flags", where, a)
			}
		}
		env := map[string]string{}
		for _, e := range c.Env {
			if e.Value != nil {
				env[e.Name] = *e.Value
			}
			if e.Value != nil && strings.Contains(e.Name, "PASSWORD") && !strings.HasSuffix(e.Name, "_FILE") {
				bad("%s: %s holds a password in the pod spec", where, e.Name)
			}
		}
		if env["WEIR_CONFIG"] != "/etc/weir/weir.yaml" {
			bad("%s: WEIR_CONFIG = %q", where, env["WEIR_CONFIG"])
		}
		ports := map[string]bool{}
		for _, p := range c.Ports {
			ports[p.Name] = true
		}
		if role == "tail" {
			// weir tail serves no HTTP endpoint (yet): a probe would fail.
			if c.LivenessProbe != nil || c.ReadinessProbe != nil {
				bad("%s: probes on a process without an HTTP endpoint", where)
			}
			if !slices.ContainsFunc(c.VolumeMounts, func(m struct {
				Name      string `yaml:"name"`
				MountPath string `yaml:"mountPath"`
				SubPath   string `yaml:"subPath"`
			}) bool {
				return m.MountPath == "/var/lib/weir"
			}) {
				bad("%s: no volume at /var/lib/weir for the checkpoint (the root filesystem is read-only)", where)
			}
			continue
		}
		for _, p := range []struct {
			kind string
			pr   *probe
			path string
		}{{"liveness", c.LivenessProbe, "/healthz"}, {"readiness", c.ReadinessProbe, "/readyz"}} {
			if p.pr == nil || p.pr.HTTPGet == nil {
				bad("%s: no HTTP %s probe", where, p.kind)
				continue
			}
			if p.pr.HTTPGet.Path != p.path {
				bad("%s: %s probe path %q, want %s", where, p.kind, p.pr.HTTPGet.Path, p.path)
			}
			if port, ok := p.pr.HTTPGet.Port.(string); !ok || !ports[port] {
				bad("%s: %s probe port %v is not a declared container port %v", where, p.kind, p.pr.HTTPGet.Port, c.Ports)
			}
		}
	}
	return problems
}

// TestHelmChecksBite weakens one setting at a time and checks that
// deploymentProblems reports it (the checks above are not vacuous).
func TestHelmChecksBite(t *testing.T) {
	for _, tc := range []struct {
		set, want string
	}{
		{"securityContext.readOnlyRootFilesystem=false", "readOnlyRootFilesystem"},
		{"securityContext.allowPrivilegeEscalation=true", "no privilege escalation"},
		{"securityContext.capabilities.drop=null", "drop ALL"},
		{"podSecurityContext.runAsNonRoot=false", "pod securityContext"},
		{"run.resources.requests=null", "no cpu request"},
		{"run.resources.limits=null", "no memory limit"},
		{"run.readinessProbe=null", "no HTTP readiness probe"},
		{"run.livenessProbe.httpGet.path=/", "liveness probe path"},
		{"run.livenessProbe.httpGet.port=http", "not a declared container port"},
	} {
		objs := render(t, "--set", tc.set)
		dep := find(objs, "Deployment", "weir-run")
		if dep == nil {
			t.Fatalf("--set %s: no run Deployment", tc.set)
		}
		problems := deploymentProblems(*dep)
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.want) }) {
			t.Errorf("--set %s: problems %q, want one about %q", tc.set, problems, tc.want)
		}
	}
}

// TestHelmRunStatefulSet checks run.kind=StatefulSet: stable pod names
// for exactly-once transactional ids, the pod name as the static group
// member id, and the same security, resource and probe settings.
func TestHelmRunStatefulSet(t *testing.T) {
	objs := render(t, "--set", "run.kind=StatefulSet")
	if got := names(objs, "Deployment"); len(got) != 0 {
		t.Errorf("Deployments = %v, want none", got)
	}
	sts := find(objs, "StatefulSet", "weir-run")
	if sts == nil {
		t.Fatal("no StatefulSet weir-run")
	}
	for _, p := range deploymentProblems(*sts) {
		t.Error(p)
	}
	var spec struct {
		ServiceName string `yaml:"serviceName"`
		Template    struct {
			Spec podSpec `yaml:"spec"`
		} `yaml:"template"`
	}
	if err := sts.Spec.Decode(&spec); err != nil {
		t.Fatal(err)
	}
	if spec.ServiceName != "weir-run" || find(objs, "Service", "weir-run") == nil {
		t.Errorf("serviceName %q: want the headless Service weir-run", spec.ServiceName)
	}
	found := false
	for _, e := range spec.Template.Spec.Containers[0].Env {
		if e.Name == "WEIR_INPUT_INSTANCE_ID" {
			ref, _ := e.ValueFrom["fieldRef"].(map[string]any)
			found = ref["fieldPath"] == "metadata.name"
		}
	}
	if !found {
		t.Error("no WEIR_INPUT_INSTANCE_ID from metadata.name")
	}
	if _, err := helm(t, "template", "weir", chartDir, "--set", "run.kind=DaemonSet"); err == nil {
		t.Error("run.kind=DaemonSet rendered; want an error")
	}
}

// TestHelmRejects checks that a role enabled without what it needs fails to
// render with a message saying what to set.
func TestHelmRejects(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--set", "serve.enabled=true"}, "secrets.files.apiKeys"},
		{[]string{"--set", "proxy.enabled=true"}, "proxy.upstream"},
		{[]string{"--set", "tail.enabled=true"}, "tail.targets"},
		{[]string{"--set", "tail.enabled=true", "--set", "tail.targets={s3://b/}", "--set", "config.kafka=null"}, "config.kafka.brokers"},
		// values.schema.json: a misspelt key and a target that is not s3://.
		{[]string{"--set", "run.replica=3"}, "additional properties 'replica' not allowed"},
		{[]string{"--set", "tail.enabled=true", "--set", "tail.targets={training/}"}, "does not match pattern"},
		{[]string{"--set", "serve.port=0"}, "/serve/port"},
	} {
		_, err := helm(t, append([]string{"template", "weir", chartDir}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("helm template %v: error %v, want one naming %s", tc.args, err, tc.want)
		}
	}
}

// TestHelmConfigChecks renders the chart with every role on and runs
// `weir config check` on the ConfigMap's weir.yaml with the run container's
// environment, the Secret's entries written where the pod would mount them:
// the chart's configuration, environment and secrets fit together.
func TestHelmConfigChecks(t *testing.T) {
	objs := render(t, "-f", filepath.Join(chartDir, "ci/all-roles-values.yaml"))
	cm, sec, dep := find(objs, "ConfigMap", "weir"), find(objs, "Secret", "weir"), find(objs, "Deployment", "weir-run")
	if cm == nil || sec == nil || dep == nil {
		t.Fatal("want the ConfigMap, the Secret and the run Deployment")
	}
	dir := t.TempDir()
	secrets := filepath.Join(dir, "secrets")
	if err := os.Mkdir(secrets, 0o700); err != nil {
		t.Fatal(err)
	}
	for k, v := range sec.StringData {
		if err := os.WriteFile(filepath.Join(secrets, k), []byte(v), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "weir.yaml")
	if err := os.WriteFile(cfg, []byte(cm.Data["weir.yaml"]), 0o600); err != nil {
		t.Fatal(err)
	}
	var d deployment
	if err := dep.Spec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, e := range d.Template.Spec.Containers[0].Env {
		if e.Value == nil {
			continue // downward API (GOMEMLIMIT)
		}
		v := strings.Replace(*e.Value, "/etc/weir/secrets", secrets, 1)
		env[e.Name] = strings.Replace(v, "/etc/weir/weir.yaml", cfg, 1)
	}
	out := configCheck(t, cfg, env)
	for _, want := range []string{"kafka.sasl_mechanism", "SCRAM-SHA-512", "http_addr", ":9464", "env WEIR_HTTP_ADDR"} {
		if !strings.Contains(out, want) {
			t.Errorf("weir config check output lacks %q:\n%s", want, out)
		}
	}
}
