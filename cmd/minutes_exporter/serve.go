package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"reflect"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // Europe/London wherever the binary runs

	"github.com/alecthomas/kingpin/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	versioncollector "github.com/prometheus/client_golang/prometheus/collectors/version"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/version"
	"github.com/prometheus/exporter-toolkit/web"
	webflag "github.com/prometheus/exporter-toolkit/web/kingpinflag"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// defaultPort is the exporter's port, in the range of the Prometheus
// default port allocations and not taken by a well-known exporter.
const defaultPort = "9873"

// serveFlags are the flags of the serve command.
type serveFlags struct {
	configFile  string
	configCheck bool
	storagePath string
	metricsPath string
	lifecycle   bool
	web         *web.FlagConfig
}

func registerServe(app *kingpin.Application, runs map[string]runFunc) {
	cmd := app.Command("serve", "Refresh the configured sources on a schedule and serve their figures as metrics (the default).").Default()
	f := &serveFlags{}
	cmd.Flag("config.file", "Configuration file (YAML). Without one, the bundled seed minutes are served.").
		Default("").StringVar(&f.configFile)
	cmd.Flag("config.check", "Check the configuration file and exit.").BoolVar(&f.configCheck)
	cmd.Flag("storage.path", "Folder of the store ("+store.FileName+"); created if missing.").
		Default("data").StringVar(&f.storagePath)
	cmd.Flag("web.telemetry-path", "Path under which to expose metrics.").
		Default("/metrics").StringVar(&f.metricsPath)
	cmd.Flag("web.enable-lifecycle", "Enable reloading the configuration over HTTP (POST /-/reload). SIGHUP reloads it whatever this says.").
		BoolVar(&f.lifecycle)
	f.web = webflag.AddFlags(cmd, ":"+defaultPort)
	runs[cmd.FullCommand()] = func(logger *slog.Logger) error {
		if f.configCheck {
			return checkConfig(os.Stdout, f.configFile)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serve(ctx, logger, f)
	}
}

// loadConfig reads the configuration file, or returns the seeds'
// configuration when there is none.
func loadConfig(path string) (*collector.Config, error) {
	if path == "" {
		return collector.SeedsConfig(), nil
	}
	return collector.LoadConfig(path)
}

func checkConfig(w *os.File, path string) error {
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	name := path
	if name == "" {
		name = "(bundled seeds)"
	}
	fmt.Fprintf(w, "%s: OK, %d source(s), schedule %q in %s\n", name, len(cfg.Sources), cfg.Schedule, cfg.Location())
	return nil
}

// server is a running exporter: its store, collector, schedule and the
// configuration it was last given.
type server struct {
	log        *slog.Logger
	configFile string
	// lifecycle enables POST /-/reload.
	lifecycle bool
	store     *store.Store
	coll      *collector.Collector
	sched     *collector.Scheduler

	reloadMu      sync.Mutex
	sources       map[string]source.Config // as last loaded, by name
	reloadOK      prometheus.Gauge
	reloadSuccess prometheus.Gauge
}

func serve(ctx context.Context, logger *slog.Logger, f *serveFlags) error {
	logger.Info("starting minutes_exporter", "version", version.Info(), "build_context", version.BuildContext())
	// Bind first: a busy port or a bad web configuration stops the start
	// before the store is created or anything is fetched.
	listeners, err := listen(f.web, logger)
	if err != nil {
		return err
	}
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	if err := os.MkdirAll(f.storagePath, 0o755); err != nil {
		return fmt.Errorf("storage path: %w", err)
	}
	st, err := store.Open(filepath.Join(f.storagePath, store.FileName))
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := newServer(ctx, logger, f.configFile, st)
	if err != nil {
		return err
	}
	if _, err := s.reload(); err != nil {
		return err // a bad configuration at start is fatal; on reload it is not
	}
	defer s.sched.Wait()
	defer s.sched.Stop()
	go s.sched.RunOnce() // refresh on start; the stored figures are served meanwhile
	s.lifecycle = f.lifecycle
	reg := s.registry()

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go s.reloadOnSignals(ctx, hup)

	mux, err := s.routes(reg, f.metricsPath)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- web.ServeMultiple(listeners, srv, f.web, logger) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web server: %w", err)
	case <-ctx.Done():
		logger.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// newServer returns the server of the store st, with no configuration
// loaded yet (see reload). Refreshes run under ctx.
func newServer(ctx context.Context, logger *slog.Logger, configFile string, st *store.Store) (*server, error) {
	coll, err := collector.New(st, collector.Options{Logger: logger})
	if err != nil {
		return nil, err
	}
	return &server{
		log: logger, configFile: configFile, store: st, coll: coll,
		sched: collector.NewScheduler(ctx, coll, logger),
		reloadOK: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "minutesexporter_config_last_reload_successful",
			Help: "Whether the last configuration reload succeeded.",
		}),
		reloadSuccess: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "minutesexporter_config_last_reload_success_timestamp_seconds",
			Help: "Timestamp of the last successful configuration reload.",
		}),
	}, nil
}

// registry returns a registry of every metric /metrics serves but the
// figure families (see collector.Collector.Gatherer): the collector's
// self-metrics, the build info, the reload gauges, Go's and the process's.
func (s *server) registry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		s.coll,
		versioncollector.NewCollector(collector.Namespace),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		s.reloadOK, s.reloadSuccess,
	)
	return reg
}

// reloadAndRefresh reloads the configuration and refreshes at once the
// sources it added or changed, rather than wait for the schedule.
func (s *server) reloadAndRefresh() error {
	changed, err := s.reload()
	if err != nil {
		return err
	}
	s.sched.RefreshSources(changed)
	return nil
}

// reload reads the configuration again and, if it is good, puts its
// sources and schedule in place, and returns the names of the sources that
// are new or whose configuration changed; if not, the last good one stays.
func (s *server) reload() (changed []string, err error) {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	defer func() {
		if err != nil {
			s.reloadOK.Set(0)
			return
		}
		s.reloadOK.Set(1)
		s.reloadSuccess.SetToCurrentTime()
	}()
	cfg, err := loadConfig(s.configFile)
	if err != nil {
		return nil, err
	}
	env := source.Env{HTTP: source.NewFetcher(cfg.Contact), Logger: s.log, Stamps: s.store.Stamps}
	sources, err := collector.NewSources(cfg, env)
	if err != nil {
		return nil, err
	}
	if err := s.sched.Set(cfg.Schedule, cfg.Location()); err != nil {
		return nil, err
	}
	loaded := make(map[string]source.Config, len(sources))
	for _, src := range sources {
		name := src.Config.Name
		loaded[name] = src.Config
		if old, ok := s.sources[name]; !ok || !reflect.DeepEqual(old, src.Config) {
			changed = append(changed, name)
		}
	}
	s.sources = loaded
	if err := s.coll.SetSources(sources); err != nil {
		// The sources are set; the figures served follow at the next
		// refresh, which builds its snapshot again.
		s.log.Error("configuration loaded, but the figures of its sources could not be read", "err", err)
	}
	s.log.Info("configuration loaded", "file", s.configFile, "sources", len(sources), "new_or_changed", changed)
	return changed, nil
}

// reloadOnSignals reloads the configuration at each signal from sigs
// (SIGHUP), one after another, until ctx ends, refreshing at once the
// sources each reload adds or changes.
func (s *server) reloadOnSignals(ctx context.Context, sigs <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-sigs:
			if err := s.reloadAndRefresh(); err != nil {
				s.log.Error("reload failed; keeping the last good configuration", "err", err)
			}
		}
	}
}

// reloadHandler serves POST /-/reload, as Prometheus does: only when the
// lifecycle endpoints are enabled, and answering a failure with a short
// message, its detail (which names files and what is wrong in them) going
// to the log.
func (s *server) reloadHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodPut {
		w.Header().Set("Allow", "POST, PUT")
		http.Error(w, "This endpoint requires a POST request.", http.StatusMethodNotAllowed)
		return
	}
	if !s.lifecycle {
		http.Error(w, "Lifecycle API is not enabled.", http.StatusForbidden)
		return
	}
	if err := s.reloadAndRefresh(); err != nil {
		s.log.Error("reload failed; keeping the last good configuration", "err", err)
		http.Error(w, "failed to reload the configuration (the last good one stays): see the exporter's log", http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, "OK")
}

// routes returns the exporter's HTTP handlers. The metrics are reg's (the
// collector's self-metrics among them) and the figure families the
// collector's snapshot holds ready-made, which it encodes once per
// snapshot and format (see collector.Collector.MetricsHandler).
func (s *server) routes(reg *prometheus.Registry, metricsPath string) (*http.ServeMux, error) {
	mux := http.NewServeMux()
	mux.Handle(metricsPath, s.coll.MetricsHandler(reg, promhttp.HandlerOpts{
		ErrorHandling:     promhttp.ContinueOnError,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelError),
		EnableOpenMetrics: true,
	}))
	mux.Handle("/api/", s.coll.APIHandler())
	mux.HandleFunc("/-/healthy", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Healthy")
	})
	mux.HandleFunc("/-/reload", s.reloadHandler)
	// The landing page, /figures and the texts of documents. With the
	// metrics at "/", there is no landing page.
	pages := s.coll.PagesHandler(collector.PageOptions{
		Version: version.Info(), MetricsPath: metricsPath, Landing: metricsPath != "/",
	})
	mux.Handle("/figures", pages)
	mux.Handle("/figures/", pages)
	if metricsPath != "/" {
		mux.Handle("/", pages)
	}
	return mux, nil
}
