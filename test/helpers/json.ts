/**
 * JSON a test reads back and asserts on (run records, events, the requests the mock model servers
 * receive): the assertions say what its fields must be, so they are not declared twice.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests' one loose type for JSON they assert on
export type Json = Record<string, any>;
