/**
 * Implementation of the SigV4a signer, presigner and verifier: the engines behind the public
 * classes, ECDSA key derivation and signatures, the aws-chunked encoder and decoder, the resolved
 * options and the SPI provider. Not exported.
 */
package dev.awssig.v4a.internal;
