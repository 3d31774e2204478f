package demo

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// landlordSeed describes one demo landlord; the names are invented.
type landlordSeed struct {
	name                                              string
	kind                                              domain.LandlordKind
	contact, email, phone, street, postal             string
	certificate, accompaniment, fachstelle, guarantee bool
	quota                                             int
	userEmail, userName                               string
}

var landlordSeeds = []landlordSeed{
	{"Hagener Stadtwohnen GmbH", domain.LandlordCompany, "Petra Lindner", "vermietung@stadtwohnen.demo", "02331 3800-0",
		"Bahnhofstraße 12", "58095", true, true, true, true, 24, "vermietung@stadtwohnen.demo", "Petra Lindner"},
	{"Wohnungsgenossenschaft Volmetal eG", domain.LandlordCooperative, "Jürgen Kamp", "mitglieder@volmetal.demo", "02331 9120-0",
		"Eilper Straße 70", "58091", true, true, false, false, 10, "vermietung@volmetal.demo", "Jürgen Kamp"},
	{"Renate Kuhlmann", domain.LandlordPrivate, "Renate Kuhlmann", "r.kuhlmann@vermieterin.demo", "0171 5550123",
		"Voerder Straße 41", "58135", true, false, true, false, 3, "r.kuhlmann@vermieterin.demo", "Renate Kuhlmann"},
}

func (g *generator) landlords(ctx context.Context, st *store.Store) error {
	now := st.Now()
	for i, s := range landlordSeeds {
		l := &domain.Landlord{Name: s.name, Kind: s.kind, ContactName: s.contact, Email: s.email, Phone: s.phone,
			Street: s.street, PostalCode: s.postal, City: "Hagen", Status: domain.LandlordActive}
		if err := st.CreateLandlord(ctx, l); err != nil {
			return err
		}
		u, err := g.user(ctx, st, domain.RoleLandlord, s.userEmail, s.userName, s.phone, &l.ID)
		if err != nil {
			return err
		}
		signed := now.AddDate(0, -g.between(2, 20), 0)
		contact := g.staff[i%len(g.staff)].ID
		a := &domain.CooperationAgreement{LandlordID: l.ID, Version: "2025-1", SignedAt: &signed,
			SignedByUserID: &u.ID, SignedByName: s.userName, ContactUserID: &contact,
			AcceptsCertificate: s.certificate, AcceptsAccompaniment: s.accompaniment, AcceptsFachstelle: s.fachstelle,
			YearlyQuota: s.quota, Guarantee: s.guarantee}
		if err := st.CreateAgreement(ctx, a); err != nil {
			return err
		}
		g.landlordIDs = append(g.landlordIDs, l.ID)
		g.tracks[l.ID] = [3]bool{s.certificate, s.accompaniment, s.fachstelle}
	}
	return nil
}
