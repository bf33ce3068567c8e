/**
 * Implementation of the SigV2 signers and verifiers: canonicalization, parameter parsing, keyed
 * MACs, dates and the SPI providers. Not exported.
 */
package dev.awssig.v2.internal;
