package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/sealed"
)

// dataKeysFile is where a demo installation keeps the key it generated.
const dataKeysFile = "data.keys"

// dataKeys resolves the keys that encrypt health notes: DATA_KEYS, else DATA_KEYS_FILE,
// else DATA_DIR/data.keys. Without any of them a demo (generate) gets a key generated and
// kept in DATA_DIR/data.keys; any other start refuses, because health notes must not be
// written without a key the operators keep.
func dataKeys(cfg *config.Config, generate bool) (*sealed.Keyring, error) {
	if cfg.DataKeys != "" {
		k, err := sealed.Parse(cfg.DataKeys)
		if err != nil {
			return nil, &config.Error{Var: "DATA_KEYS", Msg: err.Error()}
		}
		return k, nil
	}
	path, variable := cfg.DataKeysFile, "DATA_KEYS_FILE"
	if path == "" {
		path, variable = filepath.Join(cfg.DataDir, dataKeysFile), "DATA_KEYS"
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && variable == "DATA_KEYS" {
		if !generate {
			return nil, &config.Error{Var: "DATA_KEYS", Msg: "fehlt: Schlüssel für die verschlüsselten Gesundheitshinweise " +
				"(id:64 Hex-Zeichen, siehe docs/operations.md); nur serve --demo erzeugt selbst einen"}
		}
		line, err := sealed.Generate("demo")
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, &config.Error{Var: "DATA_DIR", Msg: "Ordner kann nicht angelegt werden: " + err.Error()}
		}
		if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
			return nil, &config.Error{Var: "DATA_DIR", Msg: "Schlüsseldatei kann nicht geschrieben werden: " + err.Error()}
		}
		data = []byte(line)
	} else if err != nil {
		return nil, &config.Error{Var: variable, Msg: "Schlüsseldatei nicht lesbar: " + err.Error()}
	}
	k, err := sealed.Parse(string(data))
	if err != nil {
		return nil, &config.Error{Var: variable, Msg: fmt.Sprintf("%s: %v", path, err)}
	}
	return k, nil
}
