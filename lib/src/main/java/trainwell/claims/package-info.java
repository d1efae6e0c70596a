/**
 * Claims: the sentences of a lesson that state a result, each paired with the check that makes it true on
 * the run's own numbers ({@link trainwell.claims.Claim}). If a later change makes a sentence false, the
 * claim fails and, under the test command, so does the notebook.
 */
package trainwell.claims;
