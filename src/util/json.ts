/**
 * JSON odw reads from other programs and files (agent CLIs' event lines, the JSON Schema, run
 * records): objects whose fields are checked where they are read, not declared in a type first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one loose type for JSON whose fields are checked where read
export type Json = Record<string, any>;
