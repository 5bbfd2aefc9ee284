package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/prometheus/exporter-toolkit/web"
	"gopkg.in/yaml.v3"
)

// webConfig is the exporter's web configuration (exporter-toolkit's
// --web.config.file) as healthcheck reads it: whether it serves TLS and
// with what certificate, and its basic auth users.
type webConfig struct {
	web.Config `yaml:",inline"`
}

// readWebConfig reads a web configuration, its relative file names taken
// from its folder as the exporter takes them.
func readWebConfig(path string) (*webConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("web configuration: %w", err)
	}
	var wc webConfig
	if err := yaml.Unmarshal(data, &wc); err != nil {
		return nil, fmt.Errorf("web configuration %s: %w", path, err)
	}
	wc.TLSConfig.SetDirectory(filepath.Dir(path))
	return &wc, nil
}

// certificates returns the certificates the exporter serves.
func (wc *webConfig) certificates() ([]*x509.Certificate, error) {
	pemData := []byte(wc.TLSConfig.TLSCert)
	if wc.TLSConfig.TLSCertPath != "" {
		var err error
		if pemData, err = os.ReadFile(wc.TLSConfig.TLSCertPath); err != nil {
			return nil, fmt.Errorf("web configuration: %w", err)
		}
	}
	var certs []*x509.Certificate
	for rest := pemData; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("web configuration: certificate: %w", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("web configuration: TLS without a certificate (cert or cert_file)")
	}
	return certs, nil
}

// pinnedTLS returns a TLS configuration that trusts a server that presents
// one of pinned as its certificate, and no other: the exporter's own,
// self-signed or not, and whatever name it is for (the healthcheck asks
// 127.0.0.1, which the certificate seldom names).
func pinnedTLS(pinned []*x509.Certificate) *tls.Config {
	return &tls.Config{
		// Verified below, against the pinned certificates rather than a
		// CA and a host name.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("the exporter presented no certificate")
			}
			leaf := cs.PeerCertificates[0].Raw
			for _, c := range pinned {
				if bytes.Equal(c.Raw, leaf) {
					return nil
				}
			}
			return errors.New("the exporter's certificate is not the one its web configuration names")
		},
	}
}
