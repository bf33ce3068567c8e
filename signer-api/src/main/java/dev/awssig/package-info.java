/**
 * AWS request authentication: the request model, credentials and their providers, and the
 * {@link dev.awssig.Signer} / {@link dev.awssig.Presigner} / {@link dev.awssig.Verifier}
 * interfaces, with {@link dev.awssig.Signers} to find an implementation by algorithm name.
 *
 * @since 0.1.0
 */
package dev.awssig;
