#ifndef CART_H
#define CART_H

#include <stddef.h>

/* Most lines a cart may hold. */
#define MAX_LINES 50
#define LINE_TOTAL(l) ((l).price * (l).qty)

/** One product line. */
struct line {
    const char *sku;
    double price;
    int qty;
};

/// A cart of lines for one owner.
typedef struct cart {
    const char *owner;
    struct line lines[MAX_LINES];
    size_t count;
} cart_t;

/* Whether a cart can still be changed. */
enum cart_state { CART_OPEN, CART_CLOSED };

typedef union {
    long cents;
    double amount;
} money_t;

typedef double (*discount_fn)(double amount, double rate);

/* Creates an empty cart; caller frees it. */
cart_t *cart_new(const char *owner);
int cart_add(cart_t *cart, const char *sku, double price, int qty);
double cart_total(const cart_t *cart);

#endif
