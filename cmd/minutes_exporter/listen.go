package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"

	"github.com/coreos/go-systemd/v22/activation"
	"github.com/mdlayher/vsock"
	"github.com/prometheus/exporter-toolkit/web"
)

// listen binds the addresses of the web flags (or takes systemd's sockets
// with --web.systemd-socket) as exporter-toolkit's ListenAndServe would,
// so that serve finds a busy port before it opens the store or refreshes
// anything, and then serves on the listeners with web.ServeMultiple. It
// checks the web configuration file too, which ServeMultiple reads only
// once serving.
func listen(f *web.FlagConfig, logger *slog.Logger) ([]net.Listener, error) {
	if f == nil || f.WebConfigFile == nil {
		return nil, errors.New("listen: no web flags")
	}
	if err := web.Validate(*f.WebConfigFile); err != nil {
		return nil, fmt.Errorf("web config %s: %w", *f.WebConfigFile, err)
	}
	if f.WebSystemdSocket != nil && *f.WebSystemdSocket {
		logger.Info("listening on systemd activated listeners instead of port listeners")
		ls, err := activation.Listeners()
		if err != nil {
			return nil, fmt.Errorf("listen: systemd sockets: %w", err)
		}
		if len(ls) == 0 {
			return nil, errors.New("listen: no socket activation file descriptors found")
		}
		return ls, nil
	}
	if f.WebListenAddresses == nil || len(*f.WebListenAddresses) == 0 {
		return nil, errors.New("listen: no --web.listen-address")
	}
	var out []net.Listener
	for _, address := range *f.WebListenAddresses {
		l, err := listenOn(address)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, fmt.Errorf("listen on %s: %w", address, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// listenOn binds one address: TCP, or vsock://:PORT.
func listenOn(address string) (net.Listener, error) {
	port, ok := strings.CutPrefix(address, "vsock://")
	if !ok {
		return net.Listen("tcp", address)
	}
	_, p, err := net.SplitHostPort(port)
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseUint(p, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("vsock port %q: %w", p, err)
	}
	return vsock.Listen(uint32(n), nil)
}
