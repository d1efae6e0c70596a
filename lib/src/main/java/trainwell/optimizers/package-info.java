/**
 * Optimizers written from scratch on plain {@code double[]} parameters, and 2-D surfaces to watch them on.
 *
 * <p>Each update rule fits in a few lines of its class's {@code update} method and matches
 * {@code torch.optim} where PyTorch has it (GD/SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam, Adam with
 * L2, AdamW, AMSGrad, RAdam); Lion follows its paper, schedule-free AdamW its authors' reference code (the
 * parameter vector holds y, the answer is {@link trainwell.optimizers.ScheduleFreeAdam#x()};
 * {@link trainwell.optimizers.TrajectoryRecorder#recordSequences} draws x, y and z). Muon works on matrices, not
 * vectors: {@link trainwell.optimizers.Muon} shows its step on a {@code double[][]} ({@link NewtonSchulz},
 * {@link Matrices}), and {@code OptimizerSpec.muon()} trains models (Muon on hidden matrices, AdamW on the rest).
 * {@link trainwell.optimizers.OptimizerSpec} is the one
 * description of each optimizer (hyper-parameters, PyTorch's defaults, checks): it builds the teaching version
 * here ({@code fromScratch}) and the DJL version in {@code trainwell.optimizers.djl} ({@code build}). A typical
 * notebook cell:
 *
 * <pre>{@code
 * var runs = TrajectoryRecorder.on(Surfaces.illConditioned()).steps(100)
 *         .recordAll(Optimizers.gd(0.45), Optimizers.momentum(0.1, 0.9), Optimizers.adam(0.5));
 * runs.get(0).toTable();   // step, x, y, loss
 * }</pre>
 */
package trainwell.optimizers;
