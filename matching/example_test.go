package matching_test

import (
	"fmt"
	"time"

	"wohnbruecke/matching"
)

func ExampleRank() {
	today := matching.MakeDate(2027, time.February, 1)
	flat := matching.Vacancy{
		ID: 7, Borough: matching.Haspe, Floor: 1, RoomsHalf: 5, AreaCenti: 6000,
		NetColdCents: 39000, ServiceChargesCents: 11000, AvailableFrom: today.AddDays(28),
		Places: 1, Accepts: matching.TrackCertificate | matching.TrackFachstelle,
	}
	households := []matching.Household{
		{ID: 1, Status: matching.StatusActive, Persons: 2, CertificateOn: today.AddDays(-90),
			RegisteredOn: today.AddDays(-400), Lottery: 17},
		{ID: 2, Status: matching.StatusActive, Persons: 3, FachstelleCase: true, Urgency: 1,
			Benefit: matching.BenefitSGB2, RegisteredOn: today.AddDays(-30), Lottery: 5},
		{ID: 3, Status: matching.StatusActive, Persons: 7, FachstelleCase: true, Urgency: 2,
			Benefit: matching.BenefitSGB2, RegisteredOn: today.AddDays(-700), Lottery: 9},
	}
	p := matching.DefaultHagenPolicy()
	res, err := matching.Rank(flat, households, p, today, matching.Options{Limit: 50})
	if err != nil {
		panic(err)
	}
	ex := matching.NewExplainer(flat, p, today)
	for _, c := range res.Candidates {
		fmt.Printf("%d. Haushalt %d: %s Punkte\n", c.Rank, c.HouseholdID(households), c.Score)
		for _, part := range c.Breakdown(ex, households).Components {
			if part.Contribution > 0 {
				fmt.Println("   ", part)
			}
		}
	}
	for _, e := range res.Excluded {
		for _, r := range e.Reasons.Explain(flat, households[e.Index], p, today) {
			fmt.Printf("Haushalt %d: %s (%s)\n", e.HouseholdID(households), r.Message, r.Code)
		}
	}
	// Output:
	// 1. Haushalt 2: 525,9 Punkte
	//     Dringlichkeit: +520,0
	//     Wartezeit: +1,1
	//     Größe: +4,0
	//     Mietspielraum: +0,8
	// 2. Haushalt 1: 92,1 Punkte
	//     Integrationszertifikat: +15,0
	//     Wartezeit: +7,8
	//     Größe: +4,3
	//     Belegung: +65,0
	// Haushalt 3: 60,00 m² für 7 Personen – mindestens 70,00 m² nötig (WohnStG NRW § 10) (overcrowded)
}
