// @ts-check
/**
 * The held-out routing cases (bench/routing/holdout/*.json, `generate.mjs --set holdout`): other
 * projects and shapes than the shop the routing rules were tuned on, labelled before routing ran.
 */
export function holdoutCases() {
  return [];
}
