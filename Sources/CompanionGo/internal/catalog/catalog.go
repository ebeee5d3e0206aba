// Package catalog is the service's one resource: products, read through the cache
// from a repository.
package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"example.com/catalog/internal/cache"
)

// Product is what GET /products/{id} returns.
type Product struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	PriceCents int64  `json:"price_cents"`
}

// ErrNotFound is returned by a Repository for an unknown id.
var ErrNotFound = errors.New("product not found")

// snippet.repository
// Repository is the persistence port. The production adapter runs one SELECT through
// a pgxpool.Pool; tests and demos use Memory.
type Repository interface {
	Product(ctx context.Context, id string) (Product, error)
}

// snippet.end

// Memory is a Repository in a map.
type Memory map[string]Product

func (m Memory) Product(_ context.Context, id string) (Product, error) {
	if p, ok := m[id]; ok {
		return p, nil
	}
	return Product{}, ErrNotFound
}

// Handler serves products.
type Handler struct {
	Repo   Repository
	Cache  *cache.Aside
	Logger *slog.Logger
}

// Register adds the routes to mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /products/{id}", h.get)
}

// snippet.handler
func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	load := func(ctx context.Context, _ string) ([]byte, error) {
		p, err := h.Repo.Product(ctx, id)
		if err != nil {
			return nil, err
		}
		return json.Marshal(p)
	}
	body, err := h.Cache.Get(r.Context(), "product:"+id, load)
	switch {
	case errors.Is(err, ErrNotFound):
		http.Error(w, "no such product", http.StatusNotFound)
	case err != nil:
		h.Logger.ErrorContext(r.Context(), "loading product",
			"id", id, "error", err.Error())
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}
}

// snippet.end
