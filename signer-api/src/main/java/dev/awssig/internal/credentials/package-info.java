/**
 * The credential sources beyond static keys (instance metadata, containers, web identity, roles,
 * SSO, credential processes) and their cache; not API, reached through
 * {@link dev.awssig.CredentialsProviders}.
 */
package dev.awssig.internal.credentials;
