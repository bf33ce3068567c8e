/**
 * The peers the benchmarks compare with: the AWS SDK for Java v2 and v1 signers and the MinIO
 * client, each set up for the same requests. Not published.
 */
package dev.awssig.benchmarks.peers;
