/**
 * Implementation of the {@code awssig} command: the picocli subcommands, batch mode, raw HTTP
 * and error XML parsing, and the explanations of rejected requests. Not exported (opened to
 * picocli only).
 */
package dev.awssig.cli.internal;
