/** The runtime profile an agent stage of each kind calls when it names none (`runtime:`). */
export const DEFAULT_RUNTIME: Readonly<Record<string, string>> = { plan: 'planner', fanout: 'implementer', repair: 'implementer', review: 'reviewer' };
