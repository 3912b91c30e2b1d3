// @ts-check
/**
 * The held-out config loader in Go: parse (parse.go), validate (the port range, validate.go) and
 * load (load.go and load_test.go; Load calls Parse and Validate).
 */

const GO_PARSE_BASE = `package config

import "strings"

func Parse(text string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(text, "\\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out
}
`;
const goParse = (bug) =>
  bug === 'typed'
    ? `package config

import (
	"strconv"
	"strings"
)

func Parse(text string) map[string]any {
	out := map[string]any{}
	for _, line := range strings.Split(text, "\\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		v, _, _ = strings.Cut(v, " #")
		v = strings.TrimSpace(v)
		if n, err := strconv.Atoi(v); err == nil {
			out[strings.TrimSpace(k)] = n
		} else {
			out[strings.TrimSpace(k)] = v
		}
	}
	return out
}
`
    : GO_PARSE_BASE.replace('\t\tout[strings.TrimSpace(k)]', '\t\tv, _, _ = strings.Cut(v, " #")\n\t\tout[strings.TrimSpace(k)]');
const GO_VALIDATE_BASE = `package config

import (
	"fmt"
	"strconv"
)

type Config struct {
	Host string
	Port int
}

func Validate(m map[string]string) (Config, error) {
	host, ok := m["host"]
	if !ok {
		return Config{}, fmt.Errorf("missing key: host")
	}
	port, err := strconv.Atoi(m["port"])
	if err != nil {
		return Config{}, fmt.Errorf("port must be an integer, got %q", m["port"])
	}
	return Config{Host: host, Port: port}, nil
}
`;
const goValidate = (bug) =>
  GO_VALIDATE_BASE.replace(
    '\treturn Config{Host: host, Port: port}, nil',
    `\tif port < 1 || port ${bug === 'range' ? '>=' : '>'} 65535 {\n\t\treturn Config{}, fmt.Errorf("port %d out of range 1-65535", port)\n\t}\n\treturn Config{Host: host, Port: port}, nil`,
  );
const GO_LOAD_BASE = `package config

func Load(text string) (Config, error) {
	return Validate(Parse(text))
}
`;
const goLoad = (bug) => `package config

func Load(text string) (Config, error) {
	return LoadWith(text, map[string]string{"host": "localhost", "port": "80"})
}

func LoadWith(text string, defaults map[string]string) (Config, error) {
	m := map[string]string{}
${
  bug === 'order'
    ? '\tfor k, v := range Parse(text) {\n\t\tm[k] = v\n\t}\n\tfor k, v := range defaults {\n\t\tm[k] = v\n\t}\n'
    : '\tfor k, v := range defaults {\n\t\tm[k] = v\n\t}\n\tfor k, v := range Parse(text) {\n\t\tm[k] = v\n\t}\n'
}\treturn Validate(m)
}
`;
const GO_LOAD_TEST = `package config

import "testing"

func TestLoadTopPort(t *testing.T) {
	c, err := Load("host = db\\nport = 65535 # the highest")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Port != 65535 {
		t.Errorf("Port = %d, want 65535", c.Port)
	}
}

func TestLoadWithDefaults(t *testing.T) {
	c, err := LoadWith("port = 9000", map[string]string{"host": "example", "port": "1"})
	if err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	if c.Host != "example" || c.Port != 9000 {
		t.Errorf("LoadWith = %+v, want {Host:example Port:9000}", c)
	}
}
`;

/** @param {{ bugs?: { parse?: string, validate?: string, load?: string } }} [opts] */
export function goConfig({ bugs = {} } = {}) {
  return {
    base: { 'go.mod': 'module config\n\ngo 1.19\n', 'parse.go': GO_PARSE_BASE, 'validate.go': GO_VALIDATE_BASE, 'load.go': GO_LOAD_BASE },
    tasks: [
      { id: 'parse', files: ['parse.go'], prompt: 'Parse drops inline comments ("port = 8080 # dev").', change: { 'parse.go': goParse(bugs.parse) } },
      { id: 'validate', files: ['validate.go'], prompt: 'Validate rejects ports outside 1-65535.', change: { 'validate.go': goValidate(bugs.validate) } },
      {
        id: 'load',
        files: ['load.go', 'load_test.go'],
        prompt: 'Add LoadWith(text, defaults): the defaults fill keys the text does not set; Load uses host localhost, port 80. Test both.',
        change: { 'load.go': goLoad(bugs.load), 'load_test.go': GO_LOAD_TEST },
      },
    ],
    check: { command: 'go test ./...' },
  };
}
