/**
 * The lessons' experiments, on top of the mechanism packages: runs over seeds, settings and grids, side by
 * side ({@link trainwell.experiments.Experiments}), learning-rate sweeps ({@link trainwell.experiments.RateSweep}),
 * initialization experiments ({@link trainwell.experiments.InitExperiments}), muP's coordinate check
 * ({@link trainwell.experiments.CoordinateCheck}) and optimizer trajectories on 2-D
 * surfaces ({@link trainwell.experiments.Trajectories}, {@link trainwell.experiments.TrajectoryPanels}).
 * Mechanism packages never use this one (LayeringTest).
 */
package trainwell.experiments;
