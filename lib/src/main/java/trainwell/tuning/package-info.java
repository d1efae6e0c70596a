/**
 * Tuning the optimization: the learning-rate range test ({@link trainwell.tuning.RangeTest},
 * {@link trainwell.tuning.RangeCurve}), the small helpers of hyper-parameter search ({@link trainwell.tuning.Search}),
 * and the learning-rate sensitivity of a sweep ({@link trainwell.tuning.LrSensitivity}, Wortsman et al. 2023).
 */
package trainwell.tuning;
