package main

import (
	"cmp"
	"context"
	"fmt"
	"log"
	"os"

	"github.com/textlens/textlens/clients/go/textlens"
)

func main() {
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	client, err := textlens.Dial(ctx, cmp.Or(os.Getenv("TEXTLENS_ADDRESS"), "127.0.0.1:50051"))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	resp, err := client.AnalyzeText(ctx, string(text), "summarizer", "entities", "stance")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("language:", resp.GetLanguage().GetCode())
	for _, r := range resp.GetResults() { // one per analyzer, in the order asked for
		for _, s := range r.GetSummary().GetSentences() {
			fmt.Println("summary:", s.GetText())
		}
		for _, e := range r.GetEntities().GetEntities() {
			fmt.Printf("entity: %s (%s)\n", e.GetCanonicalName(), e.GetType())
		}
		if st := r.GetStance(); st != nil {
			fmt.Println("stance:", st.GetLabel())
		}
	}
}
