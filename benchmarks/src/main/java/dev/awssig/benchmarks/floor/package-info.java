/**
 * The cryptographic floor: the least work a signature needs (the digests and MACs alone), run
 * beside the signers for comparison. Not published.
 */
package dev.awssig.benchmarks.floor;
