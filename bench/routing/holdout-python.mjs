// @ts-check
/**
 * The held-out config loader in Python, for pytest: parse (key = value lines, parse.py), validate
 * (the port range, validate.py), merge (defaults under the file's values, merge.py) and load
 * (load.py and tests/test_load.py; load calls parse, merge and validate).
 */

const PY_PARSE_BASE = `def parse(text):
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        out[key.strip()] = value.strip()
    return out
`;
const pyParse = (bug) => `def _value(raw):
    raw = raw.split("${bug === 'comment' ? '  #' : ' #'}", 1)[0].strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\\"'":
        return raw[1:-1]
    return raw


def parse(text):
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        out[key.strip()] = _value(value)
    return out
`;
const PY_VALIDATE_BASE = `REQUIRED = ("host", "port")


def validate(cfg):
    for key in REQUIRED:
        if key not in cfg:
            raise ValueError(f"missing key: {key}")
    return cfg
`;
const pyValidate = (bug) => `REQUIRED = ("host", "port")


def validate(cfg):
    for key in REQUIRED:
        if key not in cfg:
            raise ValueError(f"missing key: {key}")
    try:
        port = int(cfg["port"])
    except ValueError:
        raise ValueError(f"port must be an integer, got {cfg['port']!r}") from None
    if not 1 <= port ${bug === 'range' ? '<' : '<='} 65535:
        raise ValueError(f"port {port} out of range 1-65535")
    return {**cfg, "port": port}
`;
const PY_MERGE_BASE = `def merge(base, override):
    out = dict(base)
    out.update(override)
    return out
`;
const pyMerge = (bug) => `def merge(base, override):
    kept = {k: v for k, v in override.items() if v != ""}
    return ${bug === 'order' ? '{**kept, **base}' : '{**base, **kept}'}
`;
const PY_LOAD_BASE = `from merge import merge
from parse import parse
from validate import validate

DEFAULTS = {"host": "localhost", "port": "80"}


def load(text):
    return validate(merge(DEFAULTS, parse(text)))
`;
const pyLoad = (bug) => `from merge import merge
from parse import parse
from validate import validate

DEFAULTS = {"host": "localhost", "port": "80"}


def load(text, defaults=DEFAULTS):
    return validate(merge(${bug === 'order' ? 'parse(text), defaults' : 'defaults, parse(text)'}))
`;
const PY_LOAD_TEST = `from load import load


def test_file_values_win():
    assert load("host = db.internal\\nport = 8080")["host"] == "db.internal"


def test_port_is_an_int_without_its_comment():
    assert load("host = db.internal\\nport = 8080 # dev")["port"] == 8080


def test_top_port():
    assert load("host = h\\nport = 65535")["port"] == 65535


def test_given_defaults_fill_gaps():
    assert load("port = 9000", {"host": "example", "port": "1"})["host"] == "example"
`;
const PY_MERGE_TEST = `from merge import merge


def test_override_wins():
    assert merge({"host": "localhost"}, {"host": "db"})["host"] == "db"


def test_blank_keeps_the_default():
    assert merge({"host": "localhost"}, {"host": ""})["host"] == "localhost"
`;

/** @param {{ bugs?: { parse?: string, validate?: string, merge?: string, load?: string } }} [opts] */
export function pyConfig({ bugs = {} } = {}) {
  return {
    base: {
      'pytest.ini': '[pytest]\npythonpath = .\n',
      'parse.py': PY_PARSE_BASE,
      'validate.py': PY_VALIDATE_BASE,
      'merge.py': PY_MERGE_BASE,
      'load.py': PY_LOAD_BASE,
    },
    tasks: [
      {
        id: 'parse',
        files: ['parse.py'],
        prompt: 'parse() drops inline comments ("port = 8080 # dev") and quotes around values.',
        change: { 'parse.py': pyParse(bugs.parse) },
      },
      {
        id: 'validate',
        files: ['validate.py'],
        prompt: 'validate() turns port into an int and rejects ports outside 1-65535 with a ValueError.',
        change: { 'validate.py': pyValidate(bugs.validate) },
      },
      {
        id: 'merge',
        files: ['merge.py', 'tests/test_merge.py'],
        prompt: 'merge() ignores override values that are empty ("host =" keeps the default); test it.',
        change: { 'merge.py': pyMerge(bugs.merge), 'tests/test_merge.py': PY_MERGE_TEST },
      },
      {
        id: 'load',
        files: ['load.py', 'tests/test_load.py'],
        prompt: 'load() takes the defaults as an optional second argument; test loading end to end.',
        change: { 'load.py': pyLoad(bugs.load), 'tests/test_load.py': PY_LOAD_TEST },
      },
    ],
    check: { command: 'python3 -m pytest -q' },
  };
}
