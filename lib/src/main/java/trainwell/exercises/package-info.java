/**
 * Exercise checks for the notebooks: {@link trainwell.exercises.Check} compares a learner's answer with
 * the expected one and explains the difference kindly; {@link trainwell.exercises.Exercise} holds the
 * placeholders of unsolved exercises.
 */
package trainwell.exercises;
