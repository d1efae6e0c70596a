/**
 * Parameter initialization: distributions ({@link trainwell.initialization.Init}: Xavier, Kaiming, normal,
 * truncated normal), the role each Transformer parameter plays ({@link trainwell.initialization.ParameterRole},
 * read from its dotted name), schemes that pick a distribution per role and depth
 * ({@link trainwell.initialization.InitScheme}: GPT-2's scaled residual projections, DeepNorm), and the
 * measurements of the initialization lesson ({@link trainwell.initialization.LayerStatistics} for a model,
 * {@link trainwell.initialization.DeepMlp} for a plain-Java deep MLP).
 */
package trainwell.initialization;
