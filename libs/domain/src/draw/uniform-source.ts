/** What the sampling and the pairing read: uniform integers in [0, n). Both algorithm versions' PRNGs give it. */
export interface UniformSource {
  uniform(n: number): number;
}
