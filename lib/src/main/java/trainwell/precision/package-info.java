/**
 * Low precision, emulated: rounding to float32, bfloat16 and float16 ({@link trainwell.precision.FloatFormat},
 * checked against PyTorch's conversions) and dynamic loss scaling ({@link trainwell.precision.LossScaler}), for
 * the lesson on what float32 master weights and loss scaling protect against.
 */
package trainwell.precision;
