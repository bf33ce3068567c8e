/**
 * Implementation of the servlet filter: request reading, scheme detection, body streams that
 * verify as they are read, the multipart reader, S3's XML errors. Not API.
 */
package dev.awssig.servlet.internal;
