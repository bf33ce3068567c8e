/**
 * The JMH benchmarks of the awssig signers and verifiers, their shared fixtures and the checks
 * that every benchmark signs correctly. Not published.
 */
package dev.awssig.benchmarks;
