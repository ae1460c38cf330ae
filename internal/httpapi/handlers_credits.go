package httpapi

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
)

// Credits: allocation, balance, ledger and checks.

func (s *Server) AddCredits(ctx context.Context, req api.AddCreditsRequestObject) (api.AddCreditsResponseObject, error) {
	added, err := s.CreditService.Add(ctx, req.TeamId, *req.Body, req.Params.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	return api.AddCredits200JSONResponse(added), nil
}

func (s *Server) GetCreditBalance(ctx context.Context, req api.GetCreditBalanceRequestObject) (api.GetCreditBalanceResponseObject, error) {
	b, err := s.CreditService.Balance(ctx, req.TeamId)
	if err != nil {
		return nil, err
	}
	return api.GetCreditBalance200JSONResponse(b), nil
}

func (s *Server) ListCreditTransactions(ctx context.Context, req api.ListCreditTransactionsRequestObject) (api.ListCreditTransactionsResponseObject, error) {
	list, err := s.CreditService.Transactions(ctx, req.TeamId, req.Params.Limit)
	if err != nil {
		return nil, err
	}
	return api.ListCreditTransactions200JSONResponse(list), nil
}

func (s *Server) CheckCredits(ctx context.Context, req api.CheckCreditsRequestObject) (api.CheckCreditsResponseObject, error) {
	c, err := s.CreditService.Check(ctx, req.TeamId, req.Params.CreditsNeeded)
	if err != nil {
		return nil, err
	}
	return api.CheckCredits200JSONResponse(c), nil
}
