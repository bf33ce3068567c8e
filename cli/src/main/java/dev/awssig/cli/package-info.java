/**
 * The {@code awssig} command-line tool; {@link dev.awssig.cli.Main} is its entry point.
 *
 * @since 0.1.0
 */
package dev.awssig.cli;
