package main

import (
	"fmt"
	"net"
	"net/http"
	"time"

	"wohnbruecke/internal/config"
)

// healthcheck asks the local instance's /readyz, for the container's HEALTHCHECK.
func healthcheck(cfg *config.Config) error {
	host, port, err := net.SplitHostPort(cfg.ListenAddr)
	if err != nil {
		return &config.Error{Var: "LISTEN_ADDR", Msg: err.Error()}
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get("http://" + net.JoinHostPort(host, port) + "/readyz")
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /readyz answered %d", resp.StatusCode)
	}
	return nil
}
