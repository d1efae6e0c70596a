/**
 * Experiment results as Tablesaw tables: {@link trainwell.results.RunLog} records a run row by row,
 * {@link trainwell.results.Results} summarizes over seeds, pivots grids and writes CSV files.
 */
package trainwell.results;
