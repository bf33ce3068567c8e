/**
 * Implementation of the SigV4 signer, presigner and verifiers: canonicalization, the per-thread
 * scratch buffers, header plans, signing keys, the aws-chunked encoder and decoder and the SPI
 * provider. Not exported.
 */
package dev.awssig.v4.internal;
