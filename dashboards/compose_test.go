package dashboards

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/prometheus/common/model"
)

// loadCompose loads ../docker-compose.yml as `docker compose` would, with
// env as the only environment.
func loadCompose(t *testing.T, env ...string) (*types.Project, error) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	opts, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")},
		cli.WithWorkingDirectory(root),
		cli.WithEnv(env),
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		t.Fatal(err)
	}
	return opts.LoadProject(context.Background())
}

func TestComposeLoads(t *testing.T) {
	p, err := loadCompose(t, "GRAFANA_ADMIN_PASSWORD=correct horse battery staple")
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	want := []string{"backfill", "exporter", "grafana", "prometheus"}
	if got := p.ServiceNames(); !slices.Equal(sorted(got), want) {
		t.Errorf("services = %v, want %v", sorted(got), want)
	}
	for name, s := range p.Services {
		t.Run(name, func(t *testing.T) {
			for _, v := range s.Volumes {
				if v.Type != types.VolumeTypeBind {
					continue
				}
				if _, err := os.Stat(v.Source); err != nil {
					t.Errorf("mounts %s at %s, which does not exist: %v", v.Source, v.Target, err)
				}
				if !v.ReadOnly {
					t.Errorf("bind mount %s is writable; the stack only reads shipped files", v.Source)
				}
			}
			if s.Build != nil {
				if _, err := os.Stat(filepath.Join(s.Build.Context, "Dockerfile")); err != nil {
					t.Errorf("build context %s has no Dockerfile", s.Build.Context)
				}
				if !dockerfileHasStage(t, s.Build.Target) {
					t.Errorf("build target %q is not a stage of the Dockerfile", s.Build.Target)
				}
			}
			if len(s.Ports) > 0 && name != "grafana" {
				t.Errorf("publishes %v; only Grafana's port is published", s.Ports)
			}
			if name != "backfill" && (s.HealthCheck == nil || len(s.HealthCheck.Test) == 0) {
				t.Error("no healthcheck")
			}
		})
	}
}

func TestComposeStack(t *testing.T) {
	p, err := loadCompose(t, "GRAFANA_ADMIN_PASSWORD=correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	svc := func(name string) types.ServiceConfig {
		s, err := p.GetService(name)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	t.Run("exporter healthcheck is its own subcommand", func(t *testing.T) {
		test := strings.Join(svc("exporter").HealthCheck.Test, " ")
		if !strings.Contains(test, "minutes_exporter healthcheck") || strings.HasPrefix(test, "CMD-SHELL") {
			t.Errorf("exporter healthcheck %q: want the binary's healthcheck subcommand (no shell in the image)", test)
		}
	})

	t.Run("backfill runs after the exporter and before Prometheus", func(t *testing.T) {
		if c := svc("backfill").DependsOn["exporter"].Condition; c != types.ServiceConditionHealthy {
			t.Errorf("backfill depends on exporter with %q, want service_healthy", c)
		}
		if c := svc("prometheus").DependsOn["backfill"].Condition; c != types.ServiceConditionCompletedSuccessfully {
			t.Errorf("prometheus depends on backfill with %q, want service_completed_successfully", c)
		}
		if !sharesVolume(svc("backfill"), svc("prometheus"), "/prometheus") {
			t.Error("backfill does not write into the volume Prometheus reads at /prometheus")
		}
		if !sharesVolume(svc("backfill"), svc("exporter"), "/data") {
			t.Error("backfill does not read the exporter's store volume at /data")
		}
	})

	t.Run("backfill runs the shipped recording rules and reads the exporter's configuration", func(t *testing.T) {
		b := svc("backfill")
		rules := b.Environment["RULES_PATH"]
		if rules == nil {
			t.Fatal("backfill has no RULES_PATH")
		}
		root, _ := filepath.Abs("..")
		found := false
		for _, v := range b.Volumes {
			if rel, ok := strings.CutPrefix(*rules, v.Target+"/"); ok && v.Type == types.VolumeTypeBind {
				if _, err := os.Stat(filepath.Join(v.Source, rel)); err != nil {
					t.Errorf("RULES_PATH %s: %v", *rules, err)
				}
				if v.Source != filepath.Join(root, "dashboards/prometheus/rules") {
					t.Errorf("RULES_PATH %s is in %s, not the rules Prometheus loads", *rules, v.Source)
				}
				found = true
			}
		}
		if !found {
			t.Errorf("RULES_PATH %s is in no folder mounted into backfill", *rules)
		}
		if mounts := b.Volumes; !slices.ContainsFunc(mounts, func(v types.ServiceVolumeConfig) bool { return v.Target == "/etc/minutes_exporter" }) {
			t.Error("backfill does not mount the exporter's configuration folder, whose populations it writes")
		}
		if _, ok := b.Environment["MINUTES_EXPORTER_CONFIG"]; !ok {
			t.Error("backfill is not given MINUTES_EXPORTER_CONFIG")
		}
	})

	t.Run("Prometheus keeps years", func(t *testing.T) {
		var retention string
		for _, a := range svc("prometheus").Command {
			if v, ok := strings.CutPrefix(a, "--storage.tsdb.retention.time="); ok {
				retention = v
			}
		}
		d, err := model.ParseDuration(retention)
		if err != nil {
			t.Fatalf("--storage.tsdb.retention.time=%q: %v", retention, err)
		}
		if time.Duration(d) < 5*365*24*time.Hour {
			t.Errorf("retention %s: want years, or Prometheus deletes the backfilled history", retention)
		}
	})

	t.Run("Grafana is read-only for anonymous viewers", func(t *testing.T) {
		env := svc("grafana").Environment
		for k, want := range map[string]string{
			"GF_AUTH_ANONYMOUS_ENABLED":  "true",
			"GF_AUTH_ANONYMOUS_ORG_ROLE": "Viewer",
			"GF_USERS_ALLOW_SIGN_UP":     "false",
		} {
			if got := env[k]; got == nil || *got != want {
				t.Errorf("%s = %v, want %s", k, got, want)
			}
		}
		if got := env["GF_SECURITY_ADMIN_PASSWORD"]; got == nil || *got != "correct horse battery staple" {
			t.Errorf("GF_SECURITY_ADMIN_PASSWORD = %v, want the value of GRAFANA_ADMIN_PASSWORD", got)
		}
		ports := svc("grafana").Ports
		if len(ports) != 1 || ports[0].Target != 3000 || ports[0].HostIP != "127.0.0.1" {
			t.Errorf("grafana ports = %+v, want 3000 published on 127.0.0.1 by default", ports)
		}
	})

	t.Run("Grafana loads the shipped provisioning and dashboards", func(t *testing.T) {
		mounts := map[string]string{}
		for _, v := range svc("grafana").Volumes {
			mounts[v.Target] = v.Source
		}
		root, _ := filepath.Abs("..")
		for target, src := range map[string]string{
			"/etc/grafana/provisioning":   filepath.Join(root, "dashboards/grafana/provisioning"),
			"/var/lib/grafana/dashboards": filepath.Join(root, "dashboards/grafana/dashboards"),
		} {
			if mounts[target] != src {
				t.Errorf("%s mounted from %q, want %s", target, mounts[target], src)
			}
		}
		provider, err := os.ReadFile("grafana/provisioning/dashboards/minutes_exporter.yml")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(provider), "path: /var/lib/grafana/dashboards") {
			t.Error("the dashboard provider does not read /var/lib/grafana/dashboards")
		}
		ds, err := os.ReadFile("grafana/provisioning/datasources/prometheus.yml")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(ds), "uid: "+datasourceUID) || !strings.Contains(string(ds), "url: http://prometheus:9090") {
			t.Errorf("datasource provisioning lacks uid %s or the prometheus service's URL", datasourceUID)
		}
	})
}

func TestComposeNeedsGrafanaPassword(t *testing.T) {
	_, err := loadCompose(t)
	if err == nil || !strings.Contains(err.Error(), "GRAFANA_ADMIN_PASSWORD") {
		t.Fatalf("loading without GRAFANA_ADMIN_PASSWORD: got %v, want an error naming it (no weak default)", err)
	}
}

func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"CGO_ENABLED=0", "USER 65534:65534", "gcr.io/distroless/static", "HEALTHCHECK"} {
		if !strings.Contains(text, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	stages := regexp.MustCompile(`(?m)^FROM .* AS (\S+)$`).FindAllStringSubmatch(text, -1)
	if len(stages) < 3 {
		t.Fatalf("Dockerfile has %d named stages, want a build stage and the images", len(stages))
	}
	if last := stages[len(stages)-1][1]; last != "exporter" {
		t.Errorf("last stage %q: want exporter, so that a plain docker build gives the exporter", last)
	}
	for _, f := range regexp.MustCompile(`(?m)^COPY (\S+\.sh) `).FindAllStringSubmatch(text, -1) {
		if _, err := os.Stat(filepath.Join("..", f[1])); err != nil {
			t.Errorf("Dockerfile copies %s: %v", f[1], err)
		}
	}
}

func dockerfileHasStage(t *testing.T, stage string) bool {
	t.Helper()
	data, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?m)^FROM .* AS ` + regexp.QuoteMeta(stage) + `$`).Match(data)
}

func sharesVolume(a, b types.ServiceConfig, target string) bool {
	source := func(s types.ServiceConfig) string {
		for _, v := range s.Volumes {
			if v.Type == types.VolumeTypeVolume && v.Target == target {
				return v.Source
			}
		}
		return ""
	}
	return source(a) != "" && source(a) == source(b)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
