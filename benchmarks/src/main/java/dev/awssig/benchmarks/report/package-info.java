/**
 * The report tool: reads JMH's JSON results and writes the performance table, chart and analysis
 * of benchmarks/README.md. Not published.
 */
package dev.awssig.benchmarks.report;
