#include <stdlib.h>
#include "cart.h"
#include "pricing.h"

static const double DEFAULT_RATE = 0.1;

cart_t *cart_new(const char *owner)
{
    cart_t *cart = calloc(1, sizeof *cart);
    if (cart != NULL) {
        cart->owner = owner;
    }
    return cart;
}

/* Adds a line; returns -1 when the cart is full. */
int cart_add(cart_t *cart, const char *sku, double price, int qty)
{
    if (cart->count >= MAX_LINES) {
        return -1;
    }
    struct line *l = &cart->lines[cart->count++];
    l->sku = sku;
    l->price = price;
    l->qty = qty;
    return 0;
}

// Sum of all lines after the house discount.
double cart_total(const cart_t *cart)
{
    double sum = 0;
    for (size_t i = 0; i < cart->count; i++) {
        sum += LINE_TOTAL(cart->lines[i]);
    }
    return apply_discount(sum, DEFAULT_RATE);
}
