/**
 * The little of jstat (https://github.com/jstat/jstat, MIT) that src/evaluation/stats uses; the
 * package ships no types. Add a member here before using it.
 */
declare module 'jstat' {
  interface JStat {
    studentt: {
      /** Quantile of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
      /** Distribution function of Student's t. */
      cdf(x: number, dof: number): number;
    };
    centralF: {
      /** Distribution function of the F distribution with df1 and df2 degrees of freedom. */
      cdf(x: number, df1: number, df2: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
