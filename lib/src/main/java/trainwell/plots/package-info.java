/**
 * The course's charts in one look (see {@link trainwell.plots.Theme}): training curves with smoothing and
 * event markers, histograms, bars with error bars, heat maps and contour maps with optimizer paths.
 * Start at {@link trainwell.plots.Plots}.
 */
package trainwell.plots;
