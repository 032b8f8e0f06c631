#include "ImageShims.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* libpng error callback: keep the first message, then jump back to the guarded call. */
static void flowpng_error(png_structp png, png_const_charp message) {
    FlowPNGSession *session = (FlowPNGSession *)png_get_error_ptr(png);
    if (session != NULL && session->message[0] == 0) {
        strncpy(session->message, message, sizeof(session->message) - 1);
    }
    png_longjmp(png, 1);
}

/* libpng warning callback: warnings (e.g. a bad ancillary chunk CRC) do not stop decoding. */
static void flowpng_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/* Memory reader: a short read is a truncated file. */
static void flowpng_read_bytes(png_structp png, png_bytep destination, size_t length) {
    FlowPNGSession *session = (FlowPNGSession *)png_get_io_ptr(png);
    if (length > session->inputSize - session->inputPosition) {
        png_error(png, "file is truncated (unexpected end of data)");
    }
    memcpy(destination, session->input + session->inputPosition, length);
    session->inputPosition += length;
}

/* Memory writer: grows the output buffer geometrically. */
static void flowpng_write_bytes(png_structp png, png_bytep source, size_t length) {
    FlowPNGSession *session = (FlowPNGSession *)png_get_io_ptr(png);
    if (length > session->outputCapacity - session->outputSize) {
        size_t capacity = session->outputCapacity == 0 ? 4096 : session->outputCapacity;
        while (capacity - session->outputSize < length) {
            capacity *= 2;
        }
        unsigned char *grown = realloc(session->output, capacity);
        if (grown == NULL) {
            png_error(png, "out of memory while encoding");
        }
        session->output = grown;
        session->outputCapacity = capacity;
    }
    memcpy(session->output + session->outputSize, source, length);
    session->outputSize += length;
}

static void flowpng_flush(png_structp png) {
    (void)png;
}

FlowPNGSession *flowpng_read_session_create(const unsigned char *bytes, size_t size) {
    FlowPNGSession *session = calloc(1, sizeof(FlowPNGSession));
    if (session == NULL) {
        return NULL;
    }
    session->reading = 1;
    session->input = bytes;
    session->inputSize = size;
    session->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, session, flowpng_error, flowpng_warning);
    session->info = session->png == NULL ? NULL : png_create_info_struct(session->png);
    if (session->info == NULL) {
        flowpng_session_destroy(session);
        return NULL;
    }
    png_set_read_fn(session->png, session, flowpng_read_bytes);
    return session;
}

FlowPNGSession *flowpng_write_session_create(void) {
    FlowPNGSession *session = calloc(1, sizeof(FlowPNGSession));
    if (session == NULL) {
        return NULL;
    }
    session->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, session, flowpng_error, flowpng_warning);
    session->info = session->png == NULL ? NULL : png_create_info_struct(session->png);
    if (session->info == NULL) {
        flowpng_session_destroy(session);
        return NULL;
    }
    png_set_write_fn(session->png, session, flowpng_write_bytes, flowpng_flush);
    return session;
}

void flowpng_session_destroy(FlowPNGSession *session) {
    if (session == NULL) {
        return;
    }
    if (session->png != NULL) {
        if (session->reading) {
            png_destroy_read_struct(&session->png, session->info == NULL ? NULL : &session->info, NULL);
        } else {
            png_destroy_write_struct(&session->png, session->info == NULL ? NULL : &session->info);
        }
    }
    free(session->output);
    free(session);
}

#define FLOWPNG_GUARDED(call)                   \
    do {                                        \
        if (setjmp(png_jmpbuf(session->png))) { \
            return 0;                           \
        }                                       \
        call;                                   \
        return 1;                               \
    } while (0)

int flowpng_read_info(FlowPNGSession *session) {
    FLOWPNG_GUARDED(png_read_info(session->png, session->info));
}

int flowpng_read_update_info(FlowPNGSession *session) {
    FLOWPNG_GUARDED(png_read_update_info(session->png, session->info));
}

int flowpng_read_image(FlowPNGSession *session, png_bytepp rows) {
    FLOWPNG_GUARDED(png_read_image(session->png, rows));
}

int flowpng_read_end(FlowPNGSession *session) {
    FLOWPNG_GUARDED(png_read_end(session->png, session->info));
}

int flowpng_set_header(FlowPNGSession *session, png_uint_32 width, png_uint_32 height, int bitDepth, int colorType) {
    FLOWPNG_GUARDED(png_set_IHDR(session->png, session->info, width, height, bitDepth, colorType, PNG_INTERLACE_NONE,
                                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT));
}

int flowpng_set_text(FlowPNGSession *session, png_textp texts, int count) {
    FLOWPNG_GUARDED(png_set_text(session->png, session->info, texts, count));
}

int flowpng_write(FlowPNGSession *session, png_bytepp rows) {
    FLOWPNG_GUARDED(png_write_info(session->png, session->info); png_write_image(session->png, rows);
                    png_write_end(session->png, session->info));
}
