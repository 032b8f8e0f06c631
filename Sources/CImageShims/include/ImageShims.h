/*
 * Guarded libpng calls for Swift.
 *
 * libpng reports an error by calling an error function that must not return: it longjmps back to
 * the last setjmp. Swift cannot call setjmp, so each libpng call that may fail is wrapped here in
 * a function that sets the jump point, makes the one call, and returns 1 on success or 0 on error
 * (the message is then in the session's `message`). Memory input and output are plain byte
 * buffers. No image logic lives here: which transforms to apply is decided in Swift (FlowImages).
 */
#ifndef FLOWIMAGES_IMAGE_SHIMS_H
#define FLOWIMAGES_IMAGE_SHIMS_H

#include <png.h>
#include <stddef.h>

/// One libpng read or write: its structures, its error message, and its memory input or output.
typedef struct FlowPNGSession {
    png_structp png;
    png_infop info;
    /// 1 for a read session, 0 for a write session.
    int reading;
    /// The first error (or, for reads, warning-free) message libpng reported; empty when none.
    char message[256];
    /// Read: the encoded bytes and the read position.
    const unsigned char *input;
    size_t inputSize;
    size_t inputPosition;
    /// Write: the encoded bytes so far (malloc'd; free with flowpng_session_destroy).
    unsigned char *output;
    size_t outputSize;
    size_t outputCapacity;
} FlowPNGSession;

/// Creates a read session over `size` bytes at `bytes` (not copied; keep them alive). NULL when out of memory.
FlowPNGSession *flowpng_read_session_create(const unsigned char *bytes, size_t size);
/// Creates a write session that collects the encoded file in memory. NULL when out of memory.
FlowPNGSession *flowpng_write_session_create(void);
/// Frees the session, its libpng structures and its output buffer.
void flowpng_session_destroy(FlowPNGSession *session);

/// png_read_info: signature, IHDR and every chunk before the image data.
int flowpng_read_info(FlowPNGSession *session);
/// png_read_update_info: applies the transforms set so far to the info (rowbytes, channels).
int flowpng_read_update_info(FlowPNGSession *session);
/// png_read_image into `rows` (one pointer per output row).
int flowpng_read_image(FlowPNGSession *session, png_bytepp rows);
/// png_read_end: the chunks after the image data (text chunks may follow IDAT).
int flowpng_read_end(FlowPNGSession *session);

/// png_set_IHDR (validates the header).
int flowpng_set_header(FlowPNGSession *session, png_uint_32 width, png_uint_32 height, int bitDepth, int colorType);
/// png_set_text.
int flowpng_set_text(FlowPNGSession *session, png_textp texts, int count);
/// png_write_info, png_write_image, png_write_end in one guarded call.
int flowpng_write(FlowPNGSession *session, png_bytepp rows);

#endif
