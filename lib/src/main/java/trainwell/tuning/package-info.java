/**
 * Tuning the optimization: the learning-rate range test ({@link trainwell.tuning.RangeTest},
 * {@link trainwell.tuning.RangeCurve}) and the small helpers of hyper-parameter search ({@link trainwell.tuning.Search}).
 */
package trainwell.tuning;
