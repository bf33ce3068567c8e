/**
 * Shared implementation of the awssig modules: encoding, hex, hashing and HMAC, signing-key
 * derivation and cache, timestamps, request bounds and the credentials providers. Not API:
 * exported only to the sibling awssig modules, and free to change in any release.
 */
package dev.awssig.internal;
